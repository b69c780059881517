"""Cloud Function entry point for the agent phase (Pub/Sub topic `demoforge-agent`).

Translate and delegate only: the CloudEvent is decoded and handed to the shared runner,
which claims, runs and completes `demoforge.phases.agent`.
"""

import functions_framework

from demoforge.domain.job import Phase
from demoforge.entrypoints.functions import phase_handler

handle = functions_framework.cloud_event(phase_handler(Phase.AGENT))
