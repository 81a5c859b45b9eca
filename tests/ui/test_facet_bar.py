from casenotes.store.listing import Facets
from casenotes.ui.facet_bar import FacetBar


def facets(first, last):
    return Facets(kinds=[("raid", 1)], agencies=[], countries=[("DE", 1)], tags=[], first_year=first, last_year=last)


def test_any_year_stays_any_when_older_records_arrive(qtbot):
    bar = FacetBar()
    qtbot.addWidget(bar)
    bar.set_facets(facets(2014, 2020))
    bar.set_facets(facets(2011, 2020))
    assert bar.selection()["year_from"] is None and bar.selection()["year_to"] is None
    assert not bar.is_active()


def test_a_chosen_year_survives_a_reload_of_the_facets(qtbot):
    bar = FacetBar()
    qtbot.addWidget(bar)
    bar.set_facets(facets(2014, 2020))
    bar.year_from.setValue(2016)
    bar.set_facets(facets(2011, 2022))
    assert bar.selection()["year_from"] == 2016


def test_country_values_show_names_and_codes(qtbot):
    bar = FacetBar()
    qtbot.addWidget(bar)
    bar.set_facets(facets(2014, 2020))
    assert bar.countries.list.item(0).text().startswith("Germany (DE)")


def test_a_chosen_value_stays_chosen_when_no_record_has_it_any_more(qtbot):
    bar = FacetBar()
    qtbot.addWidget(bar)
    bar.set_facets(facets(2014, 2020))
    bar.countries.set_checked({"DE"})
    bar.year_from.setValue(2020)
    bar.set_facets(Facets(kinds=[], agencies=[], countries=[], tags=[], first_year=2014, last_year=2016))
    assert bar.selection()["countries"] == ("DE",) and bar.selection()["year_from"] == 2020
    assert "(0)" in bar.countries.list.item(0).text()
