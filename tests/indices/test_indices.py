"""Index results: entry, import (all rows or none), API, page with chart, trend selector."""

import io

import pytest

CSV_OK = (
    "index,unit,year,value,rank,rank_of,components,source,note\n"
    'par_index,ubnd,2020,"81,75",3,7,"Chỉ đạo điều hành: 9/10; Cải cách TTHC: 11,5/13",QĐ 1,\n'
    "par_index,ubnd,2021,83.9,2,7,,QĐ 2,\n"
    "PCI,ubnd-tinh,2021,64.86,32,63,,,\n"
)


def _upload(client, text, name="ket-qua.csv"):
    f = io.BytesIO(text.encode())
    f.name = name
    return client.post("/api/v1/indices/import", {"file": f})


@pytest.mark.django_db
def test_import_saves_every_row_when_all_are_valid(org, api):
    from kehoach.indices.models import IndexResult

    r = _upload(api("noivu"), CSV_OK)
    assert r.status_code == 200, r.content
    assert r.json() == {"created": 3, "updated": 0, "rows": 3}
    first = IndexResult.objects.get(index="par_index", unit=org["ubnd"], year=2020)
    assert str(first.value) == "81.75"
    assert first.components[1] == {"name": "Cải cách TTHC", "value": 11.5, "max": 13.0}
    # Importing again updates instead of duplicating.
    assert _upload(api("noivu"), CSV_OK).json() == {"created": 0, "updated": 3, "rows": 3}


@pytest.mark.django_db
def test_import_validates_every_row_and_saves_nothing_on_error(org, api):
    from kehoach.indices.models import IndexResult

    bad = CSV_OK + "papi,khong-co,2021,42,,,,,\nsipas,ubnd,1890,-3,9,7,,,\npar_index,ubnd,2021,80,,,,,\n"
    r = _upload(api("noivu"), bad)
    assert r.status_code == 400
    body = r.json()
    rows = {e["row"]: " ".join(e["errors"]) for e in body["errors"]}
    assert set(rows) == {5, 6, 7}
    assert "khong-co" in rows[5]
    assert "năm" in rows[6] and "không âm" in rows[6] and "xếp hạng" in rows[6]
    assert "trùng với dòng 3" in rows[7]
    assert IndexResult.objects.count() == 0


@pytest.mark.django_db
def test_import_reads_xlsx_template(org, api, web):
    from openpyxl import load_workbook

    raw = web("noivu").get("/indices/mau.xlsx").content
    wb = load_workbook(io.BytesIO(raw))
    assert [c.value for c in wb.active[1]][:4] == ["index", "unit", "year", "value"]
    f = io.BytesIO(raw)
    f.name = "mau.xlsx"
    r = api("noivu").post("/api/v1/indices/import", {"file": f})
    assert r.status_code == 200 and r.json()["created"] == 1


@pytest.mark.django_db
def test_import_refuses_unknown_file_types_and_missing_columns(org, api):
    assert _upload(api("noivu"), "x", name="a.pdf").status_code == 400
    assert _upload(api("noivu"), "foo,bar\n1,2\n").status_code == 400


@pytest.mark.django_db
def test_only_the_coordinator_enters_or_imports(org, api):
    body = {"index": "papi", "unit": "ubnd-tinh", "year": 2021, "value": "43.64"}
    assert api("phuocdan").post("/api/v1/indices", body, content_type="application/json").status_code == 403
    assert _upload(api("phuocdan"), CSV_OK).status_code == 403
    assert api(None).post("/api/v1/indices", body, content_type="application/json").status_code == 401
    assert api(None).get("/api/v1/indices").status_code == 401


@pytest.mark.django_db
def test_post_index_creates_then_updates(org, api):
    client = api("noivu")
    body = {
        "index": "papi",
        "unit_id": org["ubnd-tinh"].pk,
        "year": 2021,
        "value": "43.64",
        "rank": 31,
        "rank_of": 63,
        "components": [{"name": "Công khai, minh bạch", "value": 5.4, "max": 10}],
    }
    r = client.post("/api/v1/indices", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["index_label"].startswith("Chỉ số hiệu quả quản trị")
    body["value"] = "44"
    assert client.post("/api/v1/indices", body, content_type="application/json").status_code == 200
    got = client.get("/api/v1/indices", {"index": "papi", "unit": "ubnd-tinh", "year": 2021}).json()
    assert len(got) == 1 and float(got[0]["value"]) == 44.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"index": "gdp"},
        {"value": "-1"},
        {"year": 1800},
        {"rank": 70},
        {"unit": "nowhere", "unit_id": None},
        {"components": [{"name": "A", "value": 12, "max": 10}]},
    ],
)
def test_bad_index_input_is_a_4xx_never_a_500(org, api, change):
    from kehoach.indices.models import IndexResult

    body = {
        "index": "papi",
        "unit_id": org["ubnd-tinh"].pk,
        "year": 2021,
        "value": "43.64",
        "rank": 31,
        "rank_of": 63,
    }
    body.update(change)
    r = api("noivu").post("/api/v1/indices", body, content_type="application/json")
    assert 400 <= r.status_code < 500 and "detail" in r.json()
    assert IndexResult.objects.count() == 0


@pytest.mark.django_db
def test_list_filters_reject_unknown_index(org, api):
    assert api("noivu").get("/api/v1/indices", {"index": "gdp"}).status_code == 400


@pytest.mark.django_db
def test_trend_selector_gives_year_value_rank_for_the_district_by_default(plan, org):
    from kehoach.indices import demo
    from kehoach.indices.selectors import trend

    demo.load(plan, org)
    demo.load(plan, org)  # idempotent
    rows = trend("par_index")
    assert [y for y, _, _ in rows] == [2019, 2020, 2021]
    assert rows[-1][2] == 2
    assert [y for y, _, _ in trend("pci", org["ubnd-tinh"].pk)] == [2019, 2020, 2021]
    with pytest.raises(ValueError):
        trend("gdp")


@pytest.mark.django_db
def test_indices_page_shows_chart_and_table_and_form_for_coordinator(plan, org, web):
    from kehoach.indices import demo

    demo.load(plan, org)
    html = web("noivu").get("/indices/").content.decode()
    assert "<svg" in html and "Chỉ số CCHC (PAR INDEX)" in html and "83,9" in html
    assert "Nhập kết quả một năm" in html
    other = web("phuocdan").get("/indices/").content.decode()
    assert "<svg" in other and "Nhập kết quả một năm" not in other
    assert web("phuocdan").post("/indices/", {"save": "1"}).status_code == 403


@pytest.mark.django_db
def test_indices_page_form_saves_and_shows_errors(org, web):
    from kehoach.indices.models import IndexResult

    client = web("noivu")
    r = client.post(
        "/indices/",
        {
            "save": "1",
            "r-index": "sipas",
            "r-unit": org["ubnd"].pk,
            "r-year": 2021,
            "r-value": "88,05",
            "r-rank": "9",
            "r-rank_of": "7",
        },
    )
    assert r.status_code == 400 and "error-summary" in r.content.decode()
    r = client.post(
        "/indices/",
        {
            "save": "1",
            "r-index": "sipas",
            "r-unit": org["ubnd"].pk,
            "r-year": 2021,
            "r-value": "88,05",
            "r-components": "Tiếp cận dịch vụ: 8,5/10",
        },
    )
    assert r.status_code == 302
    assert IndexResult.objects.get().components == [{"name": "Tiếp cận dịch vụ", "value": 8.5, "max": 10.0}]


@pytest.mark.django_db
def test_indices_page_import_lists_row_errors(org, web):
    f = io.BytesIO(b"index,unit,year,value\npapi,ubnd,20x1,40\n")
    f.name = "x.csv"
    r = web("noivu").post("/indices/", {"import": "1", "i-file": f})
    assert r.status_code == 400
    assert "năm" in r.content.decode() and "Dòng" in r.content.decode()


@pytest.mark.django_db
def test_indices_page_query_count_does_not_grow_with_results(org, web, django_assert_max_num_queries):
    from kehoach.indices.models import IndexResult

    client = web("phuocdan")
    IndexResult.objects.create(index="pci", unit=org["ubnd-tinh"], year=2019, value=60)
    client.get("/indices/")
    with django_assert_max_num_queries(20) as ctx:
        client.get("/indices/")
    baseline = len(ctx.captured_queries)
    for y in range(2000, 2019):
        IndexResult.objects.create(index="pci", unit=org["ubnd-tinh"], year=y, value=50 + y % 7)
        IndexResult.objects.create(index="papi", unit=org["ubnd-tinh"], year=y, value=40)
    with django_assert_max_num_queries(baseline):
        client.get("/indices/")


def test_line_chart_draws_each_series_and_labels_points():
    from kehoach.indices.charts import line_chart

    svg = line_chart(
        [("Tỉnh", [(2019, 80), (2020, 84.38)]), ("Huyện", [(2019, 78.4), (2020, 81.75)])], title="PAR <INDEX>"
    )
    assert (
        svg.startswith("<svg")
        and svg.count("<polyline") == 2
        and "84,38" in svg
        and "PAR &lt;INDEX&gt;" in svg
    )
    assert line_chart([], title="x") == ""
    assert "<polyline" in line_chart([("Một năm", [(2021, 5)])], title="x")


def test_a_chart_of_many_units_draws_their_spread_and_never_fails():
    """3,400 units' results (found on the national data: the page was a 500 'chart too small')."""
    from kehoach.indices.charts import line_chart

    many = [(f"Xã {i}", [(2021, 50 + i % 7), (2022, 60 + i % 5)]) for i in range(3400)]
    svg = line_chart(many, title="PAR INDEX")
    assert svg.count("<polyline") == 3
    assert "Cao nhất (3400 đơn vị)" in svg and "Trung bình" in svg and "Thấp nhất" in svg
    assert ">56<" in svg and ">50<" in svg  # 2021: highest 56, lowest 50
    for n in range(1, 9):  # any number of lines: the legend grows, the plot keeps its room
        assert "<svg" in line_chart([(f"Đơn vị {i}", [(2021, i)]) for i in range(n)], title="x")
