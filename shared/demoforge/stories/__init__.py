"""The story library: business stories planted in a demo's data, each tied to one of the
prospect's real offerings or places and revealed by a question built from the metrics.

``plant(spec, seed, profile=None)`` picks 3-5 kinds that fit the spec's semantic layer
(``kinds.KINDS``: margin erosion in a product line, delivery delays in one region after a
date, promotion cannibalisation, churn after a price change, a channel shift,
hemisphere-aware seasonality, a supplier's quality problem ...), writes the ``Effect``s
that plant them, a ``StoryPattern`` whose ``params["check"]`` is the typed detection
(``model.StoryCheck``: a ``MetricQuery`` and what its answer must show), and a golden
query the realism checks run. After loading, ``verify`` proves each story from the
detection question's rows.
"""

from demoforge.stories.model import Evidence, Expectation, StoryCheck, story_checks
from demoforge.stories.plant import plant
from demoforge.stories.verify import verify

__all__ = ["Evidence", "Expectation", "StoryCheck", "plant", "story_checks", "verify"]
