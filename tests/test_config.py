"""Config is checked when it is built: a bad setting never reaches a document."""

from __future__ import annotations

import pytest

import cleaner
from cleaner import Config, ConfigError


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"mode": "bogus"}, "Config.mode"),
        ({"regex_timeout": -1}, "Config.regex_timeout"),
        ({"regex_timeout": float("inf")}, "Config.regex_timeout"),
        ({"fix_mojibake": "yes"}, "Config.fix_mojibake"),
        ({"cut_min_words": 2.5}, "Config.cut_min_words"),
        ({"guard_min_chars": -1}, "Config.guard_min_chars"),
        ({"max_removed_share": 1.5}, "Config.max_removed_share"),
        ({"page_max_removed_share": -0.1}, "Config.page_max_removed_share"),
    ],
)
def test_a_bad_setting_fails_when_the_config_is_built(options, named):
    with pytest.raises(ConfigError, match=named):
        Config(**options)


def test_cleaner_options_are_checked_when_the_cleaner_is_built():
    with pytest.raises(ConfigError, match="Config.mode"):
        cleaner.Cleaner(mode="bogus", regex_timeout=-1)


def test_config_error_is_a_value_error_and_a_cleaner_error():
    with pytest.raises(ValueError):
        Config(mode="bogus")
    with pytest.raises(cleaner.CleanerError):
        Config(mode="bogus")


def test_good_settings_build():
    config = Config(mode="page", regex_timeout=1, max_removed_share=1, cut_min_words=0)
    assert config.mode == "page" and config.regex_timeout == 1
