"""Cloud Function entry point for the janitor (Pub/Sub topic `demoforge-janitor`, fed by a
Cloud Scheduler job): fails stalled jobs, tears expired demos down.

Translate and delegate only: each tick is handed to `demoforge.service.janitor.sweep`.
"""

import functions_framework

from demoforge.entrypoints.janitor import janitor_handler

handle = functions_framework.cloud_event(janitor_handler())
