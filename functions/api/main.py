"""Cloud Function entry point for the HTTP api: jobs, status, events, assets, report.

Translate and delegate only: requests are routed through ``demoforge.entrypoints.http``.
"""

import functions_framework

from demoforge.entrypoints.http import http_handler

api = functions_framework.http(http_handler())
