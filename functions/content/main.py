"""Cloud Function entry point for the content phase (Pub/Sub topic `demoforge-content`).

Translate and delegate only: the CloudEvent is decoded and handed to the shared runner,
which claims, runs and completes `demoforge.phases.content`.
"""

import functions_framework

from demoforge.entrypoints import phase_handler
from demoforge.model import Phase

handle = functions_framework.cloud_event(phase_handler(Phase.CONTENT))
