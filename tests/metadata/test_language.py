"""The record's language: detected from the article text, the page's declaration only for short text."""

from pathlib import Path

import pytest

import scraper
from scraper.normalize.language import (EARLY_CHARS, EARLY_CONFIDENCE, MIN_CHARS, _predict, detect, detect_language,
                                        detect_plain)

SAMPLES = {
    "en": "The city council approved the new budget on Tuesday after a long debate about school funding.",
    "de": "Der Stadtrat hat am Dienstag nach einer langen Debatte über die Finanzierung der Schulen den Haushalt beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur le financement des écoles.",
    "es": "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate sobre la financiación de las escuelas.",
    "pl": "Rada miasta zatwierdziła we wtorek nowy budżet po długiej debacie na temat finansowania szkół.",
    "ru": "Городской совет во вторник утвердил новый бюджет после долгих дебатов о финансировании школ.",
    "ja": "市議会は火曜日、学校の資金をめぐる長い議論の末に新しい予算を承認した。",
    "zh": "市议会周二在就学校经费进行长时间辩论后批准了新预算。",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_the_text_tells_its_language(lang):
    assert detect(SAMPLES[lang] * 3) == lang


def test_all_caps_text_is_read_as_the_language_it_is_in():
    assert detect(SAMPLES["en"].upper() * 3) == "en"


def test_enough_text_outweighs_the_pages_declaration():
    text = SAMPLES["de"] * 3
    assert len(text) >= MIN_CHARS
    assert detect_language(text, "en") == ("de", "detector")


def test_short_text_keeps_the_declaration_and_no_text_gives_none():
    assert detect_language("Kurz.", "de") == ("de", "declared")
    assert detect_language("", None) == (None, None)
    assert detect_language("   ", None) == (None, None)


def test_the_record_carries_the_detected_language():
    html = f"<html lang='en'><body><article><p>{SAMPLES['fr'] * 4}</p></article></body></html>"
    assert scraper.clean(html.encode()).language == "fr"


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def _fixture_texts() -> list[str]:
    texts = []
    for page in sorted(FIXTURES.iterdir()):
        text = scraper.clean(page.read_bytes()).text
        if text:
            texts.append(text)
    return texts


def test_the_early_reading_gives_the_plain_answer():
    """The early answer (a short sample the model is sure of) is the plain sample's on every fixture
    page's text, on each language and on texts whose opening is in another language than the rest."""
    mixed = [SAMPLES["en"][:60] + " " + SAMPLES["de"] * 6, "DPA. " + SAMPLES["fr"] * 5,
             " ".join(SAMPLES.values()) * 2, SAMPLES["ja"] * 20]
    texts = _fixture_texts() + [s * 8 for s in SAMPLES.values()] + mixed
    assert len(texts) > 20
    for text in texts:
        assert detect(text) == detect_plain(text)


def test_an_unsure_early_reading_reads_on():
    """A text whose opening leaves the model unsure is read as far as the plain sample reads."""
    text = "Ok. " * 60 + SAMPLES["de"] * 6
    assert len(text) > EARLY_CHARS
    assert _predict(text, EARLY_CHARS)[1] < EARLY_CONFIDENCE
    assert detect(text) == detect_plain(text) == "de"
