//! Response bodies in Coupa's two formats: XML unless the request sends
//! `Accept: application/json`, JSON with hyphenated keys and no root node otherwise, and
//! `{"errors": {...}}` / `<errors><error>…</error></errors>` error bodies.

use std::fmt::Write as _;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use crate::time;

pub(crate) const JSON: &str = "application/json; charset=utf-8";
pub(crate) const XML: &str = "application/xml; charset=utf-8";
pub(crate) const HTML: &str = "text/html; charset=utf-8";

/// The body format a request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Xml,
}

/// JSON when `Accept` names `application/json` (or a `+json` type); XML otherwise, as Coupa.
pub(crate) fn negotiate(headers: &HeaderMap) -> Format {
    let wants_json = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|range| range.split(';').next().unwrap_or_default().trim())
        .any(|media| media.eq_ignore_ascii_case("application/json") || media.ends_with("+json"));
    if wants_json {
        Format::Json
    } else {
        Format::Xml
    }
}

/// A response with a body and a content type.
pub(crate) fn body(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// JSON of any serializable value.
pub(crate) fn json(status: StatusCode, value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => body(status, JSON, bytes),
        Err(_) => body(StatusCode::INTERNAL_SERVER_ERROR, JSON, "{}"),
    }
}

/// A list of records. An empty list is `[]` with 200 in JSON and 404 with an error in XML, as
/// Coupa answers a query with no results.
pub(crate) fn list<T: Serialize + AsRef<Value>>(
    format: Format,
    list_element: &str,
    element: &str,
    records: &[T],
) -> Response {
    match format {
        Format::Json => json(StatusCode::OK, &records),
        Format::Xml if records.is_empty() => errors(
            Format::Xml,
            StatusCode::NOT_FOUND,
            "base",
            &["No results match your search criteria."],
        ),
        Format::Xml => {
            let mut out = String::with_capacity(records.len() * 2048);
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            let _ = writeln!(out, "<{list_element} type=\"array\">");
            for record in records {
                write_element(&mut out, element, record.as_ref(), 1);
            }
            let _ = writeln!(out, "</{list_element}>");
            body(StatusCode::OK, XML, out)
        }
    }
}

/// One record.
pub(crate) fn object(
    format: Format,
    status: StatusCode,
    element: &str,
    record: &Value,
) -> Response {
    match format {
        Format::Json => json(status, record),
        Format::Xml => body(status, XML, xml_document(element, record)),
    }
}

/// `{"errors": {key: [messages]}}` or `<errors><error>message</error></errors>`.
pub(crate) fn errors(format: Format, status: StatusCode, key: &str, messages: &[&str]) -> Response {
    match format {
        Format::Json => json(status, &serde_json::json!({ "errors": { key: messages } })),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n");
            for message in messages {
                let _ = writeln!(out, "  <error>{}</error>", escape(message));
            }
            out.push_str("</errors>\n");
            body(status, XML, out)
        }
    }
}

/// A small HTML page (consent pages, proxy-style 5xx pages).
pub(crate) fn html(status: StatusCode, title: &str, inner: &str) -> Response {
    body(
        status,
        HTML,
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<h1>{}</h1>\n{inner}\n</body></html>\n",
            escape(title),
            escape(title)
        ),
    )
}

/// An XML document with one root element.
pub(crate) fn xml_document(element: &str, value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_element(&mut out, element, value, 0);
    out
}

/// Writes `value` as Rails' `to_xml` does: typed scalars, `nil="true"`, `type="array"`.
fn write_element(out: &mut String, name: &str, value: &Value, depth: usize) {
    const SPACES: &str = "                                                                ";
    let indent = &SPACES[..(depth * 2).min(SPACES.len())];
    out.push_str(indent);
    out.push('<');
    out.push_str(name);
    match value {
        Value::Null => out.push_str(" nil=\"true\"/>\n"),
        Value::Array(items) if items.is_empty() => out.push_str(" type=\"array\"/>\n"),
        Value::Array(items) => {
            out.push_str(" type=\"array\">\n");
            let child = singular(name);
            for item in items {
                write_element(out, &child, item, depth + 1);
            }
            close(out, indent, name);
        }
        Value::Object(map) => {
            out.push_str(">\n");
            for (key, v) in map {
                write_element(out, key, v, depth + 1);
            }
            close(out, indent, name);
        }
        Value::Bool(b) => {
            out.push_str(" type=\"boolean\">");
            out.push_str(if *b { "true" } else { "false" });
            close(out, "", name);
        }
        Value::Number(n) => {
            out.push_str(if n.is_f64() {
                " type=\"float\">"
            } else {
                " type=\"integer\">"
            });
            let _ = write!(out, "{n}");
            close(out, "", name);
        }
        Value::String(s) => {
            if s.len() > 10 && time::is_datetime(s) {
                out.push_str(" type=\"dateTime\"");
            }
            out.push('>');
            escape_into(out, s);
            close(out, "", name);
        }
    }
}

fn close(out: &mut String, indent: &str, name: &str) {
    out.push_str(indent);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

/// The element name of one item of a list element: `approvals` → `approval`.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix("sses") {
        format!("{stem}ss")
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        name.to_owned()
    }
}

/// Escapes text for XML and HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}
#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn xml_is_typed_like_rails() {
        let value = json!({"id": 1, "ok": true, "note": null, "total": "5.00", "name": "A & B",
            "created-at": "2012-02-15T14:56:22-08:00", "delegates": [], "expense-lines": [{"id": 2}],
            "approver": {"login": "x"}});
        assert_eq!(
            xml_document("approval", &value),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<approval>
  <id type="integer">1</id>
  <ok type="boolean">true</ok>
  <note nil="true"/>
  <total>5.00</total>
  <name>A &amp; B</name>
  <created-at type="dateTime">2012-02-15T14:56:22-08:00</created-at>
  <delegates type="array"/>
  <expense-lines type="array">
    <expense-line>
      <id type="integer">2</id>
    </expense-line>
  </expense-lines>
  <approver>
    <login>x</login>
  </approver>
</approval>
"#
        );
    }

    #[test]
    fn accept_decides_the_format() {
        let mut headers = HeaderMap::new();
        assert_eq!(negotiate(&headers), Format::Xml);
        headers.insert(header::ACCEPT, HeaderValue::from_static("*/*"));
        assert_eq!(negotiate(&headers), Format::Xml);
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static("text/html, application/json;q=0.9"),
        );
        assert_eq!(negotiate(&headers), Format::Json);
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("companies"), "company");
    }
}
