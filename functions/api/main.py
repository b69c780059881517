"""Cloud Function entry point for the HTTP api: jobs, status, events, assets, report.

Translate and delegate only: requests are routed through ``demoforge.api``.
"""

import functions_framework

from demoforge.api import http_handler

api = functions_framework.http(http_handler())
