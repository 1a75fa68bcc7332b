//! The query language of Coupa's index endpoints: `field[op]=value` filters, `offset` and
//! `limit` (at most 50), `order_by` and `dir`, `fields=[...]` and `return_object=`.
//!
//! Field names compare with dashes and underscores alike (`approvable_type` is
//! `approvable-type`); `supplier[name]=Acme` filters on an association's attribute.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Value};

use crate::data::normalize_key;
use crate::time;

/// The operators of `field[op]=value` (reference/coupa.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Contains,
    StartsWith,
    EndsWith,
    Gt,
    Lt,
    GtOrEq,
    LtOrEq,
    NotEq,
    In,
    NotIn,
    Blank,
}

impl Op {
    fn parse(name: &str) -> Option<Op> {
        Some(match name {
            "contains" => Op::Contains,
            "starts_with" => Op::StartsWith,
            "ends_with" => Op::EndsWith,
            "gt" => Op::Gt,
            "lt" => Op::Lt,
            "gt_or_eq" => Op::GtOrEq,
            "lt_or_eq" => Op::LtOrEq,
            "not_eq" => Op::NotEq,
            "in" => Op::In,
            "not_in" => Op::NotIn,
            "blank" => Op::Blank,
            _ => return None,
        })
    }

    fn is_text_only(self) -> bool {
        matches!(self, Op::Contains | Op::StartsWith | Op::EndsWith)
    }
}

/// One `field[op]=value` condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    /// Hyphenated keys from the record down to the attribute.
    path: Vec<String>,
    op: Op,
    value: String,
}

/// `return_object=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReturnObject {
    /// Ids only.
    Limited,
    /// Own attributes, and only ids and natural keys of associations.
    Shallow,
    /// No body (writes only).
    None,
}

/// One entry of `fields=[...]`: an attribute, or an association with its own fields.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field {
    Name(String),
    Nested(String, Vec<Field>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListQuery {
    pub(crate) offset: usize,
    pub(crate) limit: usize,
    pub(crate) order_by: Option<String>,
    pub(crate) descending: bool,
    pub(crate) filters: Vec<Filter>,
    pub(crate) shape: Shape,
}

/// How each returned record is cut down.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Shape {
    pub(crate) fields: Option<Vec<Field>>,
    pub(crate) return_object: Option<ReturnObject>,
}

/// Reads an index query. `sample` (any record of the resource) tells which attributes exist.
/// `max_page` is the catalogue's page size (50).
pub(crate) fn parse_list(
    pairs: &[(String, String)],
    sample: Option<&Value>,
    max_page: usize,
) -> Result<ListQuery, String> {
    let mut query = ListQuery {
        offset: 0,
        limit: max_page,
        order_by: None,
        descending: false,
        filters: Vec::new(),
        shape: parse_shape(pairs, false)?,
    };
    for (key, value) in pairs {
        match key.as_str() {
            "offset" => {
                query.offset = value
                    .parse()
                    .map_err(|_| format!("offset must be a whole number, not `{value}`"))?;
            }
            "limit" => {
                let limit: usize = value
                    .parse()
                    .map_err(|_| format!("limit must be a whole number, not `{value}`"))?;
                query.limit = if limit == 0 {
                    max_page
                } else {
                    limit.min(max_page)
                };
            }
            "order_by" => {
                let field = normalize_key(value);
                if sample.is_some_and(|s| s.get(&field).is_none()) {
                    return Err(if value == "asc" || value == "desc" {
                        format!(
                            "order_by takes an attribute name, not `{value}`; the direction goes in dir=asc|desc"
                        )
                    } else {
                        format!("cannot order by `{value}`: no such attribute")
                    });
                }
                query.order_by = Some(field);
            }
            "dir" => {
                query.descending = match value.as_str() {
                    "asc" => false,
                    "desc" => true,
                    _ => return Err(format!("dir must be asc or desc, not `{value}`")),
                };
            }
            "fields" | "return_object" | "filter" => {}
            _ => query.filters.push(parse_filter(key, value, sample)?),
        }
    }
    Ok(query)
}

/// Reads `fields=` and `return_object=` (for show and action responses too).
pub(crate) fn parse_shape(pairs: &[(String, String)], write: bool) -> Result<Shape, String> {
    let mut shape = Shape::default();
    for (key, value) in pairs {
        match key.as_str() {
            "fields" => shape.fields = Some(parse_fields(value)?),
            "return_object" => {
                shape.return_object = Some(match value.as_str() {
                    "limited" => ReturnObject::Limited,
                    "shallow" => ReturnObject::Shallow,
                    "none" if write => ReturnObject::None,
                    "none" => return Err("return_object=none is for writes only".to_owned()),
                    _ => {
                        return Err(format!(
                            "return_object must be limited, shallow or none, not `{value}`"
                        ));
                    }
                });
            }
            _ => {}
        }
    }
    Ok(shape)
}

fn parse_fields(text: &str) -> Result<Vec<Field>, String> {
    let value: Value = serde_json::from_str(text).map_err(|_| {
        format!("fields must be a JSON array, e.g. [\"id\",\"status\"], not `{text}`")
    })?;
    fields_from_json(&value).ok_or_else(|| {
        format!("fields must be a JSON array of names and {{\"association\": [...]}} objects, not `{text}`")
    })
}

fn fields_from_json(value: &Value) -> Option<Vec<Field>> {
    let mut fields = Vec::new();
    for item in value.as_array()? {
        match item {
            Value::String(name) => fields.push(Field::Name(normalize_key(name))),
            Value::Object(map) => {
                for (name, nested) in map {
                    fields.push(Field::Nested(
                        normalize_key(name),
                        fields_from_json(nested)?,
                    ));
                }
            }
            _ => return None,
        }
    }
    Some(fields)
}

fn parse_filter(key: &str, value: &str, sample: Option<&Value>) -> Result<Filter, String> {
    // `a[b][op]` → ["a", "b", "op"]
    let malformed = || format!("malformed filter `{key}`");
    let open = key.find('[').unwrap_or(key.len());
    let mut parts: Vec<&str> = vec![&key[..open]];
    let mut rest = &key[open..];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[').ok_or_else(malformed)?;
        let (part, after) = inner.split_once(']').ok_or_else(malformed)?;
        parts.push(part);
        rest = after;
    }
    let mut op = Op::Eq;
    if parts.len() > 1
        && let Some(last) = parts.last().and_then(|p| Op::parse(p))
    {
        op = last;
        parts.pop();
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Err(malformed());
    }
    let path: Vec<String> = parts.iter().map(|p| normalize_key(p)).collect();
    if let Some(sample) = sample {
        let top = sample.get(&path[0]);
        match top {
            None => {
                return Err(format!(
                    "unknown attribute `{}` in filter `{key}`",
                    parts[0]
                ));
            }
            Some(Value::Object(_) | Value::Array(_)) if path.len() == 1 => {
                return Err(format!(
                    "`{}` is an association; filter on one of its attributes, e.g. {}[id]=…",
                    parts[0], parts[0]
                ));
            }
            Some(top)
                if path.len() > 1
                    && !matches!(top, Value::Object(_) | Value::Array(_) | Value::Null) =>
            {
                let op_name = parts.last().copied().unwrap_or_default();
                return Err(format!("unknown operator `{op_name}` in filter `{key}`"));
            }
            Some(top) => {
                if op.is_text_only()
                    && path.len() == 1
                    && top.as_str().is_some_and(time::is_datetime)
                {
                    return Err(format!(
                        "operator `{}` does not apply to dates (`{key}`)",
                        parts.get(1).copied().unwrap_or_default()
                    ));
                }
            }
        }
    }
    if op == Op::Blank && value != "true" && value != "false" {
        return Err(format!("`{key}` takes true or false, not `{value}`"));
    }
    Ok(Filter {
        path,
        op,
        value: value.to_owned(),
    })
}

impl Filter {
    pub(crate) fn matches(&self, record: &Value) -> bool {
        let mut leaves = Vec::new();
        collect_leaves(record, &self.path, &mut leaves);
        match self.op {
            Op::NotEq => !leaves.iter().any(|v| equals(v, &self.value)),
            Op::NotIn => !leaves
                .iter()
                .any(|v| self.value.split(',').any(|item| equals(v, item.trim()))),
            Op::Blank => {
                let blank = leaves.is_empty() || leaves.iter().all(|v| is_blank(v));
                blank == (self.value == "true")
            }
            _ => leaves.iter().any(|leaf| self.leaf_matches(leaf)),
        }
    }

    fn leaf_matches(&self, leaf: &Value) -> bool {
        let value = self.value.as_str();
        match self.op {
            Op::Eq => equals(leaf, value),
            Op::In => value.split(',').any(|item| equals(leaf, item.trim())),
            Op::Contains | Op::StartsWith | Op::EndsWith => {
                let Some(text) = text_of(leaf) else {
                    return false;
                };
                let text = text.to_lowercase();
                let needle = value.to_lowercase();
                match self.op {
                    Op::Contains => text.contains(&needle),
                    Op::StartsWith => text.starts_with(&needle),
                    _ => text.ends_with(&needle),
                }
            }
            Op::Gt | Op::Lt | Op::GtOrEq | Op::LtOrEq => {
                let Some(ordering) = compare_to(leaf, value) else {
                    return false;
                };
                match self.op {
                    Op::Gt => ordering == Ordering::Greater,
                    Op::Lt => ordering == Ordering::Less,
                    Op::GtOrEq => ordering != Ordering::Less,
                    _ => ordering != Ordering::Greater,
                }
            }
            Op::NotEq | Op::NotIn | Op::Blank => false,
        }
    }
}

/// The values at `path`, looking into every element of arrays on the way.
fn collect_leaves<'a>(value: &'a Value, path: &[String], out: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                collect_leaves(item, path, out);
            }
        }
        _ if path.is_empty() => out.push(value),
        Value::Object(map) => {
            if let Some(next) = map.get(&path[0]) {
                collect_leaves(next, &path[1..], out);
            }
        }
        _ => {}
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn text_of(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

fn equals(leaf: &Value, value: &str) -> bool {
    match leaf {
        Value::Null => value.is_empty() || value == "null",
        Value::Bool(b) => value == if *b { "true" } else { "false" },
        Value::Number(n) => value
            .parse::<f64>()
            .ok()
            .zip(n.as_f64())
            .is_some_and(|(a, b)| a.total_cmp(&b) == Ordering::Equal),
        Value::String(s) => {
            s == value
                || (time::is_datetime(s)
                    && time::parse(s).is_some_and(|t| time::parse(value) == Some(t)))
        }
        _ => false,
    }
}

/// How a leaf compares with a filter value: numbers (and decimal strings) numerically, dates
/// chronologically, other text as text.
fn compare_to(leaf: &Value, value: &str) -> Option<Ordering> {
    match leaf {
        Value::Number(n) => n.as_f64()?.partial_cmp(&value.parse::<f64>().ok()?),
        Value::String(s) => {
            if let (Some(a), Some(b)) = (time::parse(s), time::parse(value))
                && time::is_datetime(s)
            {
                return Some(a.cmp(&b));
            }
            if let (Ok(a), Ok(b)) = (s.parse::<f64>(), value.parse::<f64>()) {
                return a.partial_cmp(&b);
            }
            Some(s.as_str().cmp(value))
        }
        _ => None,
    }
}

/// Orders two values of one attribute: null first, then numbers, dates, text.
pub(crate) fn compare_values(left: &Value, right: &Value) -> Ordering {
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => l
            .as_f64()
            .unwrap_or_default()
            .total_cmp(&r.as_f64().unwrap_or_default()),
        (Value::String(l), Value::String(r)) => {
            if time::is_datetime(l)
                && time::is_datetime(r)
                && let (Some(lt), Some(rt)) = (time::parse(l), time::parse(r))
            {
                return lt.cmp(&rt);
            }
            match (l.parse::<f64>(), r.parse::<f64>()) {
                (Ok(ln), Ok(rn)) => ln.total_cmp(&rn),
                _ => l.cmp(r),
            }
        }
        (Value::Bool(l), Value::Bool(r)) => l.cmp(r),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// Keys that name an associated record, kept by `return_object=shallow`.
const NATURAL_KEYS: [&str; 9] = [
    "id",
    "login",
    "email",
    "name",
    "code",
    "number",
    "invoice-number",
    "po-number",
    "status",
];

impl Shape {
    pub(crate) fn is_full(&self) -> bool {
        self.fields.is_none() && self.return_object.is_none()
    }

    /// The record as this shape wants it.
    pub(crate) fn apply<'a>(&self, record: &'a Value) -> Cow<'a, Value> {
        if self.is_full() {
            return Cow::Borrowed(record);
        }
        let mut value = match &self.fields {
            Some(fields) => project(record, fields),
            None => record.clone(),
        };
        match self.return_object {
            Some(ReturnObject::Limited) => {
                value = match value {
                    Value::Object(map) => {
                        let mut limited = Map::new();
                        if let Some(id) = map.get("id") {
                            limited.insert("id".to_owned(), id.clone());
                        }
                        Value::Object(limited)
                    }
                    other => other,
                };
            }
            Some(ReturnObject::Shallow) => {
                if let Value::Object(map) = &mut value {
                    for (_, v) in map.iter_mut() {
                        shallow(v);
                    }
                }
            }
            Some(ReturnObject::None) | None => {}
        }
        Cow::Owned(value)
    }
}

fn shallow(value: &mut Value) {
    match value {
        Value::Object(map) => map.retain(|k, v| {
            NATURAL_KEYS.contains(&k.as_str()) && !matches!(v, Value::Object(_) | Value::Array(_))
        }),
        Value::Array(items) => items.iter_mut().for_each(shallow),
        _ => {}
    }
}

fn project(value: &Value, fields: &[Field]) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| project(v, fields)).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                for field in fields {
                    match field {
                        Field::Name(name) if name == key => {
                            out.insert(key.clone(), v.clone());
                        }
                        Field::Nested(name, nested) if name == key => {
                            out.insert(key.clone(), project(v, nested));
                        }
                        _ => {}
                    }
                }
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// Splits a query string into decoded pairs.
pub(crate) fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query.map_or_else(Vec::new, |q| {
        form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn q(text: &str) -> Vec<(String, String)> {
        pairs(Some(text))
    }

    fn approval() -> Value {
        json!({"id": 5, "status": "pending_approval", "approvable-type": "RequisitionHeader",
               "created-at": "2026-01-05T09:00:00-08:00", "note": null, "total": "567.07",
               "approver": {"id": 3, "login": "vpierre"}, "delegates": [],
               "lines": [{"id": 1, "supplier": {"name": "Acme"}}, {"id": 2, "supplier": {"name": "Globex"}}]})
    }

    fn matches(filter: &str) -> bool {
        let record = approval();
        let query = parse_list(&q(filter), Some(&record), 50).expect(filter);
        query.filters.iter().all(|f| f.matches(&record))
    }

    #[test]
    fn every_operator_filters_as_documented() {
        assert!(matches("status=pending_approval"));
        assert!(!matches("status=approved"));
        assert!(matches("approvable_type=RequisitionHeader"));
        assert!(matches("approvable-type[contains]=quisition"));
        assert!(matches("status[starts_with]=PENDING"));
        assert!(matches("status[ends_with]=approval"));
        assert!(matches("id[gt]=4") && !matches("id[gt]=5"));
        assert!(matches("id[lt]=6") && !matches("id[lt]=5"));
        assert!(matches("id[gt_or_eq]=5") && matches("id[lt_or_eq]=5"));
        assert!(matches("status[not_eq]=approved") && !matches("status[not_eq]=pending_approval"));
        assert!(matches("status[in]=approved,pending_approval"));
        assert!(matches("status[not_in]=approved,rejected"));
        assert!(matches("note[blank]=true") && matches("status[blank]=false"));
        assert!(
            matches("created_at[gt]=2026-01-05") && matches("created_at[lt]=2026-01-06T00:00:00Z")
        );
        assert!(matches("created-at[gt_or_eq]=2026-01-05T17:00:00%2B00:00"));
        assert!(matches("total[gt]=500") && !matches("total[gt]=600"));
        assert!(matches("approver[login]=vpierre") && matches("approver[id][lt]=4"));
        assert!(matches("lines[supplier][name]=Globex"));
        assert!(matches("id=5&status=pending_approval"));
        assert!(!matches("id=5&status=approved"));
    }

    #[test]
    fn bad_filters_are_errors() {
        let record = approval();
        for bad in [
            "nope=1",
            "status[bogus]=1",
            "created_at[contains]=2026",
            "approver=3",
            "note[blank]=maybe",
            "status[=1",
            "offset=-1",
            "limit=ten",
            "dir=up",
            "order_by=desc",
            "order_by=nope",
            "fields=id",
            "fields=[1]",
            "return_object=full",
            "return_object=none",
        ] {
            assert!(parse_list(&q(bad), Some(&record), 50).is_err(), "{bad}");
        }
    }

    #[test]
    fn limit_is_clamped_and_fields_project() {
        let record = approval();
        let query = parse_list(&q("limit=100&offset=50"), Some(&record), 50).expect("query");
        assert_eq!((query.limit, query.offset), (50, 50));
        let query = parse_list(
            &q(r#"fields=["id","approvable_type",{"approver":["login"]}]"#),
            Some(&record),
            50,
        )
        .expect("query");
        assert_eq!(
            query.shape.apply(&record).into_owned(),
            json!({"id": 5, "approvable-type": "RequisitionHeader", "approver": {"login": "vpierre"}})
        );
        let limited = parse_shape(&q("return_object=limited"), false).expect("shape");
        assert_eq!(limited.apply(&record).into_owned(), json!({"id": 5}));
        let shallow = parse_shape(&q("return_object=shallow"), false).expect("shape");
        let value = shallow.apply(&record).into_owned();
        assert_eq!(value["approver"], json!({"id": 3, "login": "vpierre"}));
        assert_eq!(value["lines"], json!([{"id": 1}, {"id": 2}]));
        assert!(parse_shape(&q("return_object=none"), true).is_ok());
    }
}
