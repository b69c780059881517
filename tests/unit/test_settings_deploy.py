"""The settings the deployment adds: the key's secret, its TTL, the api's audiences and the
IAP switch, each validated with a message that says what to write instead."""

from __future__ import annotations

import pytest

from demoforge.settings import Settings


def test_secret_name_resolves_to_its_latest_version() -> None:
    s = Settings.from_env({"GOOGLE_CLOUD_PROJECT": "p1", "DEMOFORGE_ANTHROPIC_SECRET": "k"})
    assert s.anthropic_secret_version == "projects/p1/secrets/k/versions/latest"
    assert s.claude_enabled and s.secret_ttl_s == 300
    full = Settings.from_env({"DEMOFORGE_ANTHROPIC_SECRET": "projects/p2/secrets/k"})
    assert full.anthropic_secret_version == "projects/p2/secrets/k/versions/latest"
    assert Settings.from_env({}).anthropic_secret_version == ""


@pytest.mark.parametrize(("env", "match"), [
    ({"DEMOFORGE_ANTHROPIC_SECRET": "projects/p/secrets/k/versions/3"}, "no /versions"),
    ({"DEMOFORGE_ANTHROPIC_SECRET": "has spaces"}, "secret id"),
    ({"DEMOFORGE_SECRET_TTL_S": "-1"}, "from 0 to 86400"),
    ({"DEMOFORGE_SECRET_TTL_S": "5m"}, "integer from 0"),
    ({"DEMOFORGE_API_AUDIENCES": "demoforge-api"}, "https://"),
])
def test_bad_values_say_what_to_write(env: dict[str, str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        Settings.from_env(env)


def test_audiences_and_iap() -> None:
    s = Settings.from_env({
        "DEMOFORGE_MODE": "cloud",
        "DEMOFORGE_API_AUDIENCES": " https://a.run.app/ ,https://r-p.cloudfunctions.net/api,"
                                   "32555940559.apps.googleusercontent.com",
    })
    assert s.api_audiences == ("https://a.run.app/", "https://r-p.cloudfunctions.net/api",
                               "32555940559.apps.googleusercontent.com")
    assert s.trust_platform_identity and not s.behind_iap
    assert Settings.from_env({"DEMOFORGE_BEHIND_IAP": "true"}).behind_iap
