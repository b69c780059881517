"""Entry points: the Cloud Function handlers, the HTTP api and the command line. They
translate requests and events into service calls and build dependencies through
``demoforge.bootstrap``; no logic lives here."""
