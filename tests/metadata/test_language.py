"""The record's language: detected from the article text, the page's declaration only for short text."""

import pytest

import scraper
from scraper.normalize.language import MIN_CHARS, detect, detect_language

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
