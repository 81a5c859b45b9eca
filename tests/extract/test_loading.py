import pytest

from casenotes.extract import ExtractError, article_from_text, load_article


def test_html_keeps_text_and_headline_and_drops_scripts_and_styles(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Page title</title><style>p{color:red}</style>"
        '<meta property="og:site_name" content="The Register">'
        '<meta property="article:published_time" content="2020-09-23T10:00:00Z">'
        "<script>document.write('Operation Fake')</script></head>"
        "<body><h1>Darknet sweep nets 179</h1><p>Police arrested 179 people.</p>"
        "<p>Officers seized &euro;550,000.</p><iframe src='https://evil.example'>Operation Iframe</iframe>"
        "<img src='file:///etc/passwd'></body></html>",
        encoding="utf-8",
    )
    article = load_article(page)
    assert article.headline == "Darknet sweep nets 179"
    assert "Police arrested 179 people." in article.text and "€550,000" in article.text
    assert "Operation Fake" not in article.text and "color" not in article.text and "Iframe" not in article.text
    assert article.publisher == "The Register" and article.published == "2020-09-23"


def test_markdown_heading_is_the_headline_and_raw_html_stays_inert(tmp_path):
    page = tmp_path / "story.md"
    page.write_text("# Operation Test nets 12\n\nPolice arrested **12 people** in [Germany](https://x.example).\n\n"
                    "<script>alert(1)</script>\n", encoding="utf-8")
    article = load_article(page)
    assert article.headline == "Operation Test nets 12"
    assert "Police arrested 12 people in Germany." in article.text
    assert "https://x.example" not in article.text


def test_page_furniture_after_the_article_is_cut_off():
    body = "Police arrested 12 people in Germany. " * 10
    article = article_from_text(body + "\nWould you recommend this article?\nFeatured Articles\nIn 2024 we grew.")
    assert "2024" not in article.text and "2024" in article.trailer


def test_a_plain_text_headline_is_the_first_short_line():
    article = article_from_text("RCMP joins darknet raids\n\nPolice arrested 12 people.")
    assert article.headline == "RCMP joins darknet raids"
    assert article_from_text("Police arrested 12 people in a long first sentence.").headline is None


def test_publisher_recognised_from_an_address_and_user_values_win():
    text = "https://cdni.rt.com/files/picture.JPG\nPolice arrested 12 people."
    assert article_from_text(text).publisher == "RT"
    article = article_from_text(text, publisher="My paper", published="2020-09-23")
    assert article.publisher == "My paper" and article.published == "2020-09-23"


def test_a_bad_publication_date_is_refused_in_one_line():
    with pytest.raises(ExtractError, match="publication date") as caught:
        article_from_text("text", published="23/09/2020")
    assert "\n" not in str(caught.value)


def test_unreadable_files_are_refused_with_a_clear_message(tmp_path):
    with pytest.raises(ExtractError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(ExtractError, match="is a folder"):
        load_article(tmp_path)
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    with pytest.raises(ExtractError, match="not a text file"):
        load_article(binary)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ExtractError, match="at most 5 MB"):
        load_article(huge)


def test_windows_encoded_text_is_read(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Police seized €550,000 in Zürich.".encode("cp1252"))
    assert "€550,000 in Zürich" in load_article(legacy).text
