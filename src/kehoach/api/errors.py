"""Thông báo lỗi dữ liệu vào: pydantic's English validation errors, said in Vietnamese.

One translation layer for every operation: the API's ValidationError handler passes each pydantic
error (``type``, ``loc``, ``ctx``) through :func:`translate`, which names the field and says what
is wrong in a Vietnamese sentence ("Trường «progress»: phải nhỏ hơn hoặc bằng 100."). The table
covers every error type pydantic-core knows (a test walks ``list_all_errors()``), so a new field
or constraint never leaks an English message; an unknown type falls back to a generic sentence.
"""

from typing import Any

# The first element of a ninja ``loc`` says where the value came from; the body's second element
# is the name of the view's body parameter ("payload"), which means nothing to the sender.
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}

_NUMBER = "phải là số"
_INTEGER = "phải là số nguyên"
_TEXT = "phải là chuỗi ký tự"
_DATE = "phải là ngày dạng YYYY-MM-DD (ví dụ 2021-03-31)"
_DATETIME = "phải là thời điểm dạng YYYY-MM-DDTHH:MM (ví dụ 2021-03-31T08:00:00+07:00)"
_OBJECT = "phải là một đối tượng JSON ({...})"
_LIST = "phải là một danh sách JSON ([...])"
_BOOL = "phải là true hoặc false"
_INVALID = "giá trị không hợp lệ"
_UNSUPPORTED = "kiểu dữ liệu không được hỗ trợ"

# type -> template; ``{name}`` takes the error's ``ctx`` value of that name.
MESSAGES: dict[str, str] = {
    "no_such_attribute": "không có thuộc tính này",
    "json_invalid": "JSON không hợp lệ",
    "json_type": "JSON phải là chuỗi ký tự",
    "needs_python_object": _UNSUPPORTED,
    "recursion_loop": "dữ liệu lồng nhau vòng tròn",
    "recursion_depth_exceeded": "dữ liệu lồng nhau quá sâu",
    "missing": "bắt buộc phải có",
    "frozen_field": "không được thay đổi",
    "frozen_instance": "không được thay đổi",
    "extra_forbidden": "trường này không được phép",
    "invalid_key": "tên trường phải là chuỗi ký tự",
    "get_attribute_error": _INVALID,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dataclass_exact_type": _OBJECT,
    "named_tuple_type": _LIST,
    "default_factory_not_called": _INVALID,
    "none_required": "phải để trống (null)",
    "greater_than": "phải lớn hơn {gt}",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than": "phải nhỏ hơn {lt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "multiple_of": "phải là bội số của {multiple_of}",
    "finite_number": "phải là số hữu hạn",
    "too_short": "phải có ít nhất {min_length} phần tử",
    "too_long": "có nhiều nhất {max_length} phần tử",
    "iterable_type": _LIST,
    "iteration_error": _LIST,
    "string_type": _TEXT,
    "string_unicode": "phải là chuỗi ký tự Unicode hợp lệ",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_pattern_mismatch": "không đúng định dạng",
    "string_not_ascii": "chỉ được dùng ký tự ASCII",
    "enum": "phải là một trong: {expected}",
    "dict_type": _OBJECT,
    "frozen_dict_type": _OBJECT,
    "ordered_dict_type": _OBJECT,
    "counter_type": _OBJECT,
    "mapping_type": _OBJECT,
    "list_type": _LIST,
    "deque_type": _LIST,
    "tuple_type": _LIST,
    "set_type": _LIST,
    "set_item_not_hashable": "phần tử của danh sách không hợp lệ",
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_parsing_size": "số quá lớn",
    "int_from_float": "phải là số nguyên, không có phần thập phân",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "bytes_type": "phải là dữ liệu nhị phân",
    "bytes_too_short": "phải có ít nhất {min_length} byte",
    "bytes_too_long": "dài quá {max_length} byte",
    "bytes_invalid_encoding": "dữ liệu không đúng mã hoá {encoding}",
    "value_error": _INVALID,  # our validators' own (Vietnamese) message is used when there is one
    "assertion_error": _INVALID,
    "literal_error": "phải là một trong: {expected}",
    "missing_sentinel_error": _INVALID,
    "ellipsis_error": _INVALID,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "phải là ngày, không kèm giờ",
    "date_past": "phải là ngày trong quá khứ",
    "date_future": "phải là ngày trong tương lai",
    "time_type": "phải là giờ dạng HH:MM",
    "time_parsing": "phải là giờ dạng HH:MM",
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_past": "phải là thời điểm trong quá khứ",
    "datetime_future": "phải là thời điểm trong tương lai",
    "timezone_naive": "không được kèm múi giờ",
    "timezone_aware": "phải kèm múi giờ (ví dụ +07:00)",
    "timezone_offset": "phải theo múi giờ {tz_expected} giây",
    "time_delta_type": "phải là khoảng thời gian",
    "time_delta_parsing": "phải là khoảng thời gian",
    "frozen_set_type": _LIST,
    "is_instance_of": _UNSUPPORTED,
    "is_subclass_of": _UNSUPPORTED,
    "callable_type": _UNSUPPORTED,
    "union_tag_invalid": "loại «{tag}» không hợp lệ",
    "union_tag_not_found": "thiếu trường chỉ loại",
    "arguments_type": _INVALID,
    "missing_argument": "bắt buộc phải có",
    "unexpected_keyword_argument": "trường này không được phép",
    "missing_keyword_only_argument": "bắt buộc phải có",
    "unexpected_positional_argument": _INVALID,
    "missing_positional_only_argument": "bắt buộc phải có",
    "multiple_argument_values": "trùng lặp",
    "url_type": "phải là đường dẫn",
    "url_parsing": "phải là đường dẫn hợp lệ",
    "url_syntax_violation": "phải là đường dẫn hợp lệ",
    "url_too_long": "dài quá {max_length} ký tự",
    "url_scheme": "đường dẫn phải bắt đầu bằng {expected_schemes}",
    "uuid_type": "phải là mã UUID",
    "uuid_parsing": "phải là mã UUID",
    "uuid_version": "phải là mã UUID phiên bản {expected_version}",
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "decimal_max_digits": "có nhiều nhất {max_digits} chữ số",
    "decimal_max_places": "có nhiều nhất {decimal_places} chữ số thập phân",
    "decimal_whole_digits": "có nhiều nhất {whole_digits} chữ số phần nguyên",
    "fraction_type": _NUMBER,
    "fraction_parsing": _NUMBER,
    "complex_type": _NUMBER,
    "complex_str_parsing": _NUMBER,
}

# A body-level error (no field): the sender's body as a whole is missing or of the wrong shape.
_WHOLE_BODY = {
    "missing": "Thiếu nội dung yêu cầu: hãy gửi một đối tượng JSON.",
    "json_invalid": "Nội dung yêu cầu không phải JSON hợp lệ.",
}


def field_name(loc) -> str:
    """``("body", "payload", "unit_ids", 0)`` -> ``"unit_ids[0]"``; ``("path", "plan_id")`` -> ``"plan_id"``."""
    parts = list(loc or ())
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts:
            parts.pop(0)
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        else:
            name += ("." if name else "") + str(part)
    return name


def _expected(value: Any) -> str:
    """pydantic's ``"'problem' or 'proposal'"`` -> ``"'problem', 'proposal'"``."""
    return str(value).replace(" or ", ", ")


def _is_vietnamese(text: str) -> bool:
    # Our validators write Vietnamese, which always has letters outside ASCII; anything else
    # (a library's English) is replaced by the generic sentence.
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def phrase(error: dict) -> str:
    """What is wrong with the value, in Vietnamese, without the field's name."""
    kind = error.get("type", "")
    ctx = dict(error.get("ctx") or {})
    if kind in ("value_error", "assertion_error"):
        own = str(ctx.get("error", "")).strip()
        if own and _is_vietnamese(own):
            return own.rstrip(".")
    if "expected" in ctx:
        ctx["expected"] = _expected(ctx["expected"])
    template = MESSAGES.get(kind)
    if template is None:
        message = str(error.get("msg", ""))
        return message.rstrip(".") if _is_vietnamese(message) else _INVALID
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].strip() or _INVALID


def translate(error: dict) -> dict:
    """One pydantic/ninja error -> ``{"field", "message", "type"}`` with a Vietnamese sentence."""
    field = field_name(error.get("loc"))
    kind = error.get("type", "")
    if not field and kind in _WHOLE_BODY:
        message = _WHOLE_BODY[kind]
    elif not field:
        message = f"Nội dung yêu cầu: {phrase(error)}."
    else:
        message = f"Trường «{field}»: {phrase(error)}."
    return {"field": field, "message": message, "type": kind or "invalid"}


def summary(errors: list[dict]) -> str:
    """The ``detail`` line: every translated message, in order, once each."""
    seen: list[str] = []
    for error in errors:
        if error["message"] not in seen:
            seen.append(error["message"])
    return " ".join(seen) or "Dữ liệu không hợp lệ."


# English messages django-ninja itself raises as HttpError, and what we say instead.
HTTP_MESSAGES = {
    "Cannot parse request body": "Không đọc được nội dung yêu cầu: JSON hoặc biểu mẫu không hợp lệ.",
    "CSRF check Failed": "Thiếu hoặc sai mã CSRF; hãy tải lại trang và thử lại.",
}


def http_message(message: str, status: int) -> str:
    """A HttpError's text: ours are Vietnamese already; ninja's English ones are replaced."""
    for english, vietnamese in HTTP_MESSAGES.items():
        if message.startswith(english):
            return vietnamese
    if _is_vietnamese(message):
        return message
    return {
        400: "Yêu cầu không hợp lệ.",
        401: "Cần đăng nhập (Authorization: Bearer TOKEN).",
        403: "Bạn không có quyền thực hiện thao tác này.",
        404: "Không tìm thấy.",
        405: "Phương thức không được hỗ trợ.",
        409: "Xung đột dữ liệu; hãy tải lại và thử lại.",
        413: "Dữ liệu gửi lên quá lớn.",
        422: "Dữ liệu không hợp lệ.",
    }.get(status, "Yêu cầu không hợp lệ.")
