"""Syndication readers: agencies, datelines, closing tags and notes, provider credits; and the own story."""

from __future__ import annotations

import scraper
from scraper.model import Block, Evidence
from scraper.normalize.syndication import (agency_evidence, agency_named, closing_evidence, dateline_evidence,
                                           provider_evidence)


def _blocks(*texts: str) -> list[Block]:
    return [Block(t) for t in texts]


PROSE = "The council met on Tuesday and agreed on the budget for the coming year after a long debate in the hall."


def test_agency_names_and_abbreviations_in_many_languages():
    assert agency_named("dpa", tag=True) == "Deutsche Presse-Agentur"
    assert agency_named("AFP") == "Agence France-Presse"
    assert agency_named("Agencia EFE") == "Agencia EFE"
    assert agency_named("新华社") == "Xinhua"
    assert agency_named("age") is None  # an ordinary word, not Agra-Europe's "AgE"
    assert agency_named("Ap") is None


def test_agency_as_byline_or_structured_author():
    found = agency_evidence([Evidence("byline", "dpa am 25.01.2022", "html:byline-text"),
                             Evidence("author", "Jane Doe/SP-X", "json-ld:author")])
    assert [(e.value, e.origin) for e in found] == [("Deutsche Presse-Agentur", "agency:html:byline-text"),
                                                     ("SP-X", "agency:json-ld:author")]
    assert agency_evidence([Evidence("byline", "Fotos: Valle Sur / AFP", "rule:byline-block")]) == []


def test_datelines_in_every_dash_style():
    for line in ("HAMBURG (dpa) – Der Hafen meldet Rekorde.", "Bogotá (dpa/lno) - Ein Unfall.",
                 "WASHINGTON, D.C. (AP) — The vote passed.", "mid Groß-Gerau - Der neue Wagen.",
                 "【6月18日 AFP】東京で会合が開かれた。"):
        found = dateline_evidence(_blocks(line, PROSE))
        assert found and found[0].origin == "text:dateline", line
    assert dateline_evidence(_blocks("Hamburg (Reuters lesen) – x", PROSE)) == []


def test_closing_tags_notes_and_source_lines():
    site = {"valleyledger"}
    assert closing_evidence(_blocks(PROSE, PROSE + " (dpa)"), site)[0].value == "Deutsche Presse-Agentur"
    assert closing_evidence(_blocks(PROSE, PROSE + " aja/PAP"), site)[0].value == "Polska Agencja Prasowa"
    assert closing_evidence(_blocks(PROSE, "© 2024 AFP. All rights reserved."), site)[0].value == "Agence France-Presse"
    assert closing_evidence(_blocks(PROSE, "This post originally appeared on Prairie Post."), site)[0].value == "Prairie Post"
    assert closing_evidence(_blocks(PROSE, "Quelle: Landesverband der Imker, 02. Februar 2022"), site)[0].value \
        == "Landesverband der Imker"
    # the outlet with the agency's material, a picture credit, the site itself: no distributor
    assert closing_evidence(_blocks(PROSE, PROSE + " (VL mit dpa)"), site) == []
    assert closing_evidence(_blocks(PROSE, "Foto: dpa"), site) == []
    assert closing_evidence(_blocks(PROSE, "This story originally appeared on Valley Ledger."), site) == []


def test_provider_credit_over_the_headline():
    found = provider_evidence(_blocks("© Provided by Prairie Ledger", "Council approves bridge", PROSE), [], set())
    assert found[0].value == "Prairie Ledger"


def test_own_story_stays_null():
    """A job title with the outlet, a desk, an agency only credited for a photo: the outlet's own story."""
    html = """<html><head><meta property="og:site_name" content="Valley Ledger"></head><body><article>
    <h1>Dam opens after four years</h1><p class="byline">By Jane Example, Valley Ledger Contributor</p>
    <figure><img src="a.jpg"><figcaption>The dam at dawn. Photo: AFP</figcaption></figure>
    <p>""" + PROSE + "</p><p>" + PROSE + "</p></article></body></html>"
    article = scraper.clean(html, url="https://valleyledger.example/2024/05/dam", explain=True)
    assert article.syndication is None
    assert article.authors == ["Jane Example"]


def test_outlet_is_the_name_without_tagline_legal_form_or_scheme():
    from scraper.normalize.resolve import clean_outlet

    assert clean_outlet("Valley Hacks – the web developer blog") == "Valley Hacks"
    assert clean_outlet("Prairie Ledger Inc") == "Prairie Ledger"
    assert clean_outlet("http://www.prairieledger.example") == "prairieledger.example"
    assert clean_outlet("☆☆☆☆☆") is None
    assert clean_outlet("☆☆☆☆☆ - Riverbend Watch e.V. - Daily happenings") == "Riverbend Watch"
    assert clean_outlet("Prairie Ledger | ★★★") == "Prairie Ledger"
    assert clean_outlet("Council approves new river bridge after a decade of debate") is None


def test_site_name_spelled_by_the_copyright_line():
    html = "<html><body><h1>Ten ways to save</h1><p>" + PROSE + "</p><footer>© 2019 The Thrifty Owl. All rights reserved.</footer></body></html>"
    assert scraper.clean(html, url="https://www.thethriftyowl.example/save").outlet == "The Thrifty Owl"


def test_byline_buttons_credentials_and_publications_are_not_names():
    from scraper.normalize.bylines import parse_byline

    assert parse_byline("Jane Example Follow").authors == ["Jane Example"]
    assert parse_byline("Jane Example MD").authors == ["Jane Example"]
    assert parse_byline("By Jane Example, The Prairie Ledger").authors == ["Jane Example"]


def test_agency_alone_in_an_author_credit_or_source_slot():
    from selectolax.lexbor import LexborHTMLParser

    from scraper.normalize.syndication import slot_evidence

    def found(html: str) -> list[tuple[str, str]]:
        return [(e.value, e.origin) for e in slot_evidence(LexborHTMLParser(html))]

    assert found('<header><h1>Masks stolen</h1><p class="credit">JIJI</p></header>') == [("Jiji Press", "agency:html:slot")]
    assert found('<span itemprop="author"><a href="/auteur/1-afp"><span itemprop="name"> AFP</span></a></span>') \
        == [("Agence France-Presse", "agency:html:slot")]
    assert found('<p class="article-meta">(<span class="article-meta-agency"><a href="/x">Agenturen</a></span>)</p>') \
        == [("Agenturen", "agency:html:slot")]
    # a wire credited for a picture, for a teaser's story or in a hidden element: no distributor
    assert found('<figure><img src="a.jpg"><span class="credit">AFP</span></figure>') == []
    assert found('<div class="teaser"><a href="/b">Other story</a><div class="m-source">DPA</div></div>') == []
    assert found('<div class="m-source" style="display: none;"><div>DPA</div></div>') == []
    assert found('<p class="author">Jane Doe</p>') == []  # a writer: the byline readers' part
    # the story's own slot names its writer: the wire in a later card is another story's
    assert found('<div class="author">Jane Doe</div><ul><li><a href="/c">Other</a><div class="author">AFP</div></li></ul>') == []


def test_source_line_beside_a_writer():
    from scraper.normalize.syndication import credible_source

    video = Evidence("syndication", "Prairie TV 9", "text:source-line")
    wire = Evidence("syndication", "dpa", "text:source-line")
    agencyish = Evidence("syndication", "rechtsagentur.example", "text:source-line")
    ticker = Evidence("syndication", "ČTK", "html:source-line")
    assert credible_source(video, has_writer=False) and credible_source(ticker, has_writer=False)
    assert not credible_source(video, has_writer=True)  # a writer's story cites a video's source
    assert credible_source(wire, has_writer=True) and credible_source(agencyish, has_writer=True)
    assert not credible_source(ticker, has_writer=True)  # markup only: a sidebar's line
    assert credible_source(Evidence("syndication", "Prairie TV 9", "text:dateline"), has_writer=True)


def test_a_phrase_after_provided_by_is_no_name():
    from scraper.normalize.syndication import _distributor

    assert _distributor("ATP in terms of sponsorship rates", set()) is None
    assert _distributor("Bank of the Plains", set()) == "Bank of the Plains"
    assert _distributor("Forest News Service", set()) == "Forest News Service"


def test_address_of_the_original_under_a_copy():
    from scraper.normalize.syndication import site_keys

    aggregator = [Evidence("outlet", "Portal Hub", "meta:og:site_name"),
                  Evidence("outlet", "prairieledger.example", "url:domain")]
    keys = site_keys("www.prairieledger.example", aggregator)
    assert "prairieledger" not in keys and "portalhub" in keys  # the address names the source
    own = [Evidence("outlet", "Prairie Ledger", "meta:og:site_name")]
    assert "prairieledger" in site_keys("www.prairieledger.example", own)


def test_source_the_page_declares():
    from selectolax.lexbor import LexborHTMLParser

    from scraper.normalize.syndication import declared_source_evidence

    def found(html: str, site: set[str] = frozenset()) -> list[str]:
        return [e.value for e in declared_source_evidence(LexborHTMLParser(html), set(site))]

    assert found('<head><meta name="dc.source" content="Smallbiz Digest.com"></head>') == ["Smallbiz Digest.com"]
    assert found('<div itemprop="sourceOrganization" itemscope><a itemprop="name" href="/">Valley Wire</a></div>') \
        == ["Valley Wire"]
    assert found('<head><title>两会观察_教育频道_青年日报网</title><meta name="source" content="海外时报"></head>') == ["海外时报"]
    # the site itself: by its name, by its title's last part, by its initials
    assert found('<meta name="source" content="Prairie Ledger">', {"prairieledger"}) == []
    assert found('<head><title>数字是优长-山河谈</title><meta name="source" content="山河谈网"></head>') == []
    assert found('<meta name="dc.source" content="QX">') == []


def test_provider_domain_after_a_byline_date():
    from scraper.normalize.syndication import byline_provider_evidence

    found = byline_provider_evidence([Evidence("byline", "By Jane Doe Published December 16, 2014 SmallbizDigest.com",
                                               "html:byline-text")], set())
    assert [e.value for e in found] == ["SmallbizDigest.com"]


def test_cjk_reprint_note_names_its_source_first():
    note = "（本記事は、Valley Tech Japanで2017年6月8日に掲載した記事からの転載です。続きはValley Tech Japanでお読みいただけます）"
    found = closing_evidence(_blocks(PROSE, note), {"exampletech"})
    assert [(e.value, e.origin) for e in found] == [("Valley Tech Japan", "text:republished")]


def test_a_subdomain_is_no_name_of_the_site():
    from scraper.normalize.syndication import site_keys

    keys = site_keys("japan.exampletech.com", [])
    assert "exampletech" in keys and "japan" not in keys


def _headline_slots(markup: str, site: set[str] = frozenset()) -> list[tuple[str, str]]:
    from selectolax.lexbor import LexborHTMLParser

    from scraper.normalize.syndication import headline_slot_evidence

    tree = LexborHTMLParser(markup)
    return [(e.value, e.origin) for e in headline_slot_evidence(tree.css("h1"), set(site), markup)]


def test_provider_slot_beside_the_headline():
    head = "<main><div class='hd'><h1>Plant opens new line</h1>{}</div><p>{}</p></main>"
    assert _headline_slots(head.format("<p class='source'><a href='/m'>Harbor Tech</a> 3/9(木) 18:45配信</p>", PROSE)) \
        == [("Harbor Tech", "html:provider-slot")]
    assert _headline_slots(head.format("<div id='msg'><span id='source'>来源：<a href='/x'>山河科学</a></span></div>", PROSE)) \
        == [("山河科学", "html:provider-slot")]
    assert _headline_slots(head.format("<span class='provider-name'>Prairie Nation</span> • <time>Oct 3</time>", PROSE)) \
        == [("Prairie Nation", "html:provider-slot")]
    # the site itself, a bare label, a graphic's data sources, a class that only holds the word: no provider
    assert _headline_slots(head.format("<li class='source'>From: Valley Ledger</li>", PROSE), {"valleyledger"}) == []
    assert _headline_slots(head.format("<span class='source-prefix'>From:</span>", PROSE)) == []
    assert _headline_slots(head.format("<p class='source'>Source: Census Office, Valley Ledger reporting</p>", PROSE)) == []
    assert _headline_slots(head.format("<h2 id='x-utm_sourcemail'>Mail Bridge</h2>", PROSE)) == []


def test_byline_box_naming_another_paper():
    box = ("<article><h1>Energy office keeps list private</h1><div class='article_byline'><div>By <span>Jane Holloway"
           "</span></div><div>{}</div><time>Dec 13, 2016</time></div><p>{}</p></article>")
    assert _headline_slots(box.format("Capital Tribune", PROSE)) == [("Capital Tribune", "html:byline-box")]
    # the site's own name, a job, a writer's e-mail: no distributor
    assert _headline_slots(box.format("Lakeside Courier", PROSE), {"lakesidecourier"}) == []
    assert _headline_slots(box.format("Staff Writer", PROSE)) == []
    assert _headline_slots(box.format("Jane Holloway | jholloway@courier.example", PROSE)) == []
    # a sister paper the site offers as its own (its feed, its menu of the house's papers)
    menu = "<ul><li><a href='https://members.courier.example/?s=LE'>The Lakeside Evening News</a></li></ul>"
    assert _headline_slots(menu + box.format("The Lakeside Evening News", PROSE)) == []


def test_provider_after_a_byline_date_is_no_time_zone_or_second_writer():
    from scraper.normalize.syndication import byline_provider_evidence

    def found(line: str) -> list[str]:
        return [e.value for e in byline_provider_evidence([Evidence("byline", line, "rule:byline-block")], set())]

    assert found("By JANE DOE March 11, 2015 3:46 PM Good Morning Valley") == ["Good Morning Valley"]
    assert found("By Jane Doe 10/04/2016 05:07 AM EDT Link Copied") == []
    assert found("By Jane Doe March 11, 2015 3:46 PM EST Mark Smith") == []


def test_the_brands_other_edition_is_a_distributor():
    from scraper.normalize.syndication import other_edition

    assert other_edition("VALLEY US", {"valley", "valleycom"})
    assert not other_edition("Valley", {"valley"})
    assert not other_edition("Valley Japan", {"japanvalleycom", "japanvalley", "valley"})  # the site's own edition
    assert scraper.clean(
        "<html><head><meta property='og:site_name' content='Valley'></head><body><article><h1>Smoke over the forest</h1>"
        f"<p>by Jane Holloway</p><p>{PROSE}</p><p>{PROSE}</p><p>This article originally appeared on VALLEY US.</p>"
        "</article></body></html>", url="https://www.valley.example/en_uk/article/smoke").syndication == "VALLEY US"


def test_press_release_source_line_names_its_issuer_beside_a_writer():
    from scraper.normalize.syndication import markup_syndication_evidence, source_line_evidence

    markup = ("<p><i>Quelle:</i> <a href='https://www.uni.example/'>Technische Hochschule Talstadt</a>, "
              "Pressemitteilung</p><p>&nbsp;</p>")
    want = [("Technische Hochschule Talstadt", "html:press-release")]
    assert [(e.value, e.origin) for e in source_line_evidence(markup, set())] == want
    assert [(e.value, e.origin) for e in markup_syndication_evidence(markup, set(), "Quelle: Technische")] == want
    # a plain source line naming no agency still counts for nothing here
    assert source_line_evidence("<p>Quelle: <a href='/'>Technische Hochschule Talstadt</a></p>", set()) == []
    found = closing_evidence(_blocks(PROSE, "Quelle: Hochschule Talstadt, Pressemitteilung"), set())
    assert [(e.value, e.origin) for e in found] == [("Hochschule Talstadt", "text:press-release")]


def test_source_in_the_date_line_names_the_provider_beside_a_writer():
    page = ("<html><head><meta property='og:site_name' content='Morning Valley'></head><body><article>"
            "<header><h1>Inside the old film star's desert home</h1></header><section><div class='date-line'>"
            "<time datetime='2016-12-22T15:36:00Z'>Dec. 22, 2016, 3:36 PM UTC</time><span> / Source: Homefinder</span>"
            f"</div><div class='byline'>By <span>Jane Holloway</span></div></section><p>{PROSE}</p><p>{PROSE}</p>"
            "</article></body></html>")
    art = scraper.clean(page, url="https://www.morningvalley.example/home/desert-home", explain=True)
    assert (art.syndication, art.provenance["syndication"]) == ("Homefinder", "html:date-source")


def test_source_line_giving_a_linked_title_names_the_linked_site():
    from scraper.normalize.syndication import source_line_evidence

    title = "Town Council Pushes A New Budget Plan As Schools And Roads Wait For Money"
    for markup in (f"<p>Quelle: <a href='https://www.valleynet.example/story/one'>{title}</a></p>",
                   f"<h3><a href='https://valleynet.example/story/one' rel='nofollow'>Quelle: {title}</a></h3>"):
        assert [(e.value, e.origin) for e in source_line_evidence(markup, set())] \
            == [("valleynet.example", "html:source-link")]
    # a short name stays the name (an agency only, in the markup); the site's own link names no one
    assert source_line_evidence("<p>Quelle: <a href='https://valleynet.example/'>Valley Net</a></p>", set()) == []
    assert source_line_evidence(f"<p>Quelle: <a href='https://valleynet.example/a'>{title}</a></p>", {"valleynet"}) == []


def test_an_aggregators_copy_credits_its_provider_anywhere_on_the_page():
    page = ("<html><head><link rel='canonical' href='https://nation.prairienews.example/story/1'></head><body>"
            "<div class='top'><header><h1>Council cancels joint events</h1></header></div>"
            "<div class='attribution'><span class='provider'><span class='provider-name'>Prairie Nation</span></span>"
            f" • <time>October 3, 2016</time></div><article><p>{PROSE}</p><p>{PROSE}</p></article>"
            "<ul class='related'><li><span class='provider-name'>Other Wire</span></li></ul></body></html>")
    art = scraper.clean(page, url="https://www.portal.example/news/m/1c62", explain=True)
    assert (art.syndication, art.provenance["syndication"]) == ("Prairie Nation", "html:provider-slot")


def test_datelines_that_only_an_agency_writes():
    for line, agency in (("(ANSA) - ROMA, 12 GEN - Il governo ha approvato.", "ANSA"),
                         ("New Delhi, Jan 5 (PTI) The government said.", "Press Trust of India"),
                         ("新华社北京1月5日电（记者 王明）中国政府表示。", "Xinhua"),
                         ("【ワシントン共同】米政府は5日、発表した。", "Kyodo News"),
                         ("【パリ＝AFP時事】フランス政府は発表した。", "Agence France-Presse"),
                         ("(서울=연합뉴스) 정부는 5일 발표했다.", "Yonhap"),
                         ("[東京 5日 ロイター] - 政府は発表した。", "Reuters")):
        found = dateline_evidence(_blocks(line + " " + PROSE, PROSE))
        assert [e.value for e in found] == [agency], line
    # a party or a group in parentheses, a bracketed heading: no dateline
    for line in ("Die Partei (SPD) The", "Alcoholics Anonymous (AA) Meetings are held", "【日米共同声明】両政府は"):
        assert dateline_evidence(_blocks(line + " " + PROSE, PROSE)) == [], line


def test_closing_credits_and_notes_in_more_shapes():
    site = {"valleyledger"}

    def found(line: str) -> list[str]:
        return [e.value for e in closing_evidence(_blocks(PROSE, PROSE, line), site)]

    assert found("Distributed by Tribune Content Agency, LLC.") == ["Tribune Content Agency"]
    assert found("This story was produced by Prairie Post and is republished with permission.") == ["Prairie Post"]
    assert found("This article is republished from The Conversation under a Creative Commons license.") \
        == ["The Conversation"]
    assert found("Dieser Artikel erschien zuerst bei Prairie Post.") == ["Prairie Post"]
    assert found("dpa") == ["Deutsche Presse-Agentur"]  # an agency's lower-case signature alone closing the text
    # a person is no distributor; the site's own reporters neither
    assert found("This episode was produced by Jane Doe.") == []
    assert found("This story was produced by Valley Ledger reporters.") == []


def test_a_linked_document_or_a_box_label_names_no_distributor():
    from scraper.normalize.syndication import source_line_evidence

    title = "Written Questions With The Answers Of The Government Received In The Week Of 10 January"
    assert source_line_evidence(f"<p>Quelle: <a href='https://papers.parliament.example/btd/20/428.pdf'>{title}</a></p>",
                                set()) == []
    box = ("<article><h1>Why the city cannot end its traffic jams</h1><div class='entry-byline'><span>Post author</span>"
           "<span>By <a href='/author/jane'>Jane Holloway</a></span></div><p>{}</p></article>")
    assert _headline_slots(box.format(PROSE)) == []
    # the site's own name as its title ends with it
    head = ("<html><head><title>Plant opens a new line-山河谈</title></head><body><div class='hd'><h1>Plant opens</h1>"
            "<span id='source'>来源：山河谈网</span></div></body></html>")
    from selectolax.lexbor import LexborHTMLParser

    from scraper.normalize.syndication import headline_slot_evidence, title_tail

    tree = LexborHTMLParser(head)
    assert headline_slot_evidence(tree.css("h1"), set(), head, title_tail(tree)) == []


def test_cjk_source_label_inside_a_header_line():
    found = provider_evidence(_blocks("2017-03-10 09:58　来源：山河科学　作者：张三", PROSE), [], set())
    assert [(e.value, e.origin) for e in found] == [("山河科学", "text:provided-by")]
    assert provider_evidence(_blocks("图片来源：视觉中国", PROSE), [], set()) == []  # a picture's source


def test_a_cjk_paper_of_the_sites_own_house_is_its_own_story():
    from scraper.normalize.resolve import _distributor

    assert _distributor("山河日报", {"山河网"}) is None  # the brand's daily on the brand's portal
    assert _distributor("海岸科学人", {"山河网"}) == "海岸科学人"
