"""Where a tag sits: a page builder's content blocks and a main wrapper that has a sidebar
beside it are the page's content, not its chrome; a real sidebar still is."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from demoforge.research.blocks import zone_of
from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from tests.support.fake_fetcher import page


def _zone(wrapper_classes: str) -> str:
    soup = BeautifulSoup(f'<body><div class="{wrapper_classes}"><p><a href="/x">x</a></p></div></body>', "lxml")
    a = soup.find("a")
    assert isinstance(a, Tag)
    return zone_of(a)


@pytest.mark.parametrize("classes", [
    "elementor-widget elementor-widget-text-editor", "elementor-widget-container", "et_pb_module et_pb_text",
    "wp-block-group", "sidebar-right sidebar-divider-off", "has-sidebar", "content no-sidebar",
])
def test_content_blocks_and_layouts_beside_a_sidebar_are_main(classes: str) -> None:
    assert _zone(classes) == "main"


@pytest.mark.parametrize("classes", ["sidebar", "widget widget_text", "widget-area", "primary-sidebar", "cookie-banner"])
def test_sidebars_widgets_and_banners_are_aside(classes: str) -> None:
    assert _zone(classes) == "aside"


def test_links_in_a_page_builders_text_block_are_not_a_range() -> None:
    # Links inside running text of an Elementor block read as top-level sidebar links
    # (a range filler) while the block counted as a widget.
    block = ('<div class="elementor-widget-container"><p>Our fund is open to all. '
             '<a href="https://fund.example/">Fund website</a> and the <a href="https://stream.example/">Solidarity '
             'Stream</a> collected money for <a href="https://x.example/report">the first report</a>.</p></div>')
    r = analyse([extract(page("Union", block), "https://union.example/")])
    names = [o.name for o in r.offerings]
    assert not {"Fund website", "Solidarity Stream"} & set(names)
