//! The API: authentication, scope enforcement from the catalogue, formats, paging, filters,
//! shapes, and the approval actions.

use connspec_sandbox::{
    ApprovalResponse, EXAMPLE_APPROVAL_ID, Resource, SERVICE_CLIENT_ID, SandboxConfig,
};
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{client, get_json, json, service_token, start, start_with};

#[tokio::test]
async fn no_token_a_bad_token_or_an_api_key_is_401() {
    let sandbox = start().await;
    let url = format!("{}/api/approvals", sandbox.base_url());
    let http = client(&sandbox);
    let cases = [
        (None, "An access token is required"),
        (Some(("Authorization", "Bearer not.a.token")), "invalid"),
        (
            Some(("Authorization", "Basic dXNlcjpwYXNz")),
            "must be Bearer",
        ),
        (
            Some(("X-COUPA-API-KEY", "0123456789abcdef")),
            "API keys are no longer supported",
        ),
    ];
    for (header, message) in cases {
        let mut request = http.get(&url).header("Accept", "application/json");
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        let response = request.send().await.expect("request");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{header:?}");
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(challenge.starts_with("Bearer"), "{challenge}");
        let body = json(response).await;
        let text = body["errors"]["base"][0].as_str().expect("message");
        assert!(text.contains(message), "{header:?}: {text}");
    }
}

#[tokio::test]
async fn scopes_are_enforced_per_route_from_the_catalogue() {
    let sandbox = start().await;
    let token = sandbox.issue_token(SERVICE_CLIENT_ID, &["core.approval.read"]);
    assert_eq!(
        get_json(&sandbox, &token, "/api/approvals?limit=1").await.0,
        StatusCode::OK
    );
    for path in [
        "/api/requisitions",
        "/api/expense_reports/150",
        "/api/users",
        "/api/user_groups",
    ] {
        let (status, body) = get_json(&sandbox, &token, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert!(
            body["errors"]["base"][0]
                .as_str()
                .expect("message")
                .contains("lacks the scope")
        );
    }
    // Approving needs core.approval.write, not .read.
    let response = client(&sandbox)
        .put(format!(
            "{}/api/approvals/{EXAMPLE_APPROVAL_ID}/approve",
            sandbox.base_url()
        ))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let challenge = response.headers()["www-authenticate"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(challenge.contains("insufficient_scope") && challenge.contains("core.approval.write"));
    // Every route the sandbox serves needs the scope the catalogue names.
    let catalog = connspec_catalog::catalog("coupa").expect("catalogue");
    for resource in Resource::ALL {
        let path = format!("/api/{}", resource.path());
        let connspec_catalog::RouteMatch::Found(route) = catalog.route("GET", &path) else {
            panic!("{path} is not in the catalogue");
        };
        let with = sandbox.issue_token(
            SERVICE_CLIENT_ID,
            &route
                .least_privileged()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        let without = sandbox.issue_token(SERVICE_CLIENT_ID, &["core.common.read"]);
        assert_eq!(
            get_json(&sandbox, &with, &path).await.0,
            StatusCode::OK,
            "{path}"
        );
        assert_eq!(
            get_json(&sandbox, &without, &path).await.0,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

#[tokio::test]
async fn xml_unless_accept_json() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let response = client(&sandbox)
        .get(format!("{}/api/approvals", sandbox.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/xml")
    );
    let xml = response.text().await.expect("body");
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains("<approvals type=\"array\">"));
    assert_eq!(xml.matches("\n  <approval>").count(), 50);
    assert!(xml.contains("<approvable-type>"));
    // No results: 404 with an error in XML, [] with 200 in JSON.
    let response = client(&sandbox)
        .get(format!(
            "{}/api/approvals?status=nonexistent",
            sandbox.base_url()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.expect("body").contains("<errors>"));
    let (status, body) = get_json(&sandbox, &token, "/api/approvals?status=nonexistent").await;
    assert_eq!((status, body), (StatusCode::OK, Value::Array(Vec::new())));
}

fn ids(body: &Value) -> Vec<u64> {
    body.as_array()
        .expect("array")
        .iter()
        .map(|r| r["id"].as_u64().expect("id"))
        .collect()
}

#[tokio::test]
async fn pages_of_fifty_with_offset_and_a_clamped_limit() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let total = sandbox.records(Resource::Approvals).len();
    let mut seen = Vec::new();
    for offset in (0..total + 50).step_by(50) {
        let (status, body) =
            get_json(&sandbox, &token, &format!("/api/approvals?offset={offset}")).await;
        assert_eq!(status, StatusCode::OK);
        let page = ids(&body);
        assert_eq!(page.len(), 50.min(total.saturating_sub(offset)));
        seen.extend(page);
    }
    assert_eq!(seen.len(), total);
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "ordered by id, no overlap"
    );
    let (_, body) = get_json(&sandbox, &token, "/api/approvals?limit=100").await;
    assert_eq!(ids(&body).len(), 50);
    let (_, body) = get_json(&sandbox, &token, "/api/users?limit=2").await;
    assert_eq!(ids(&body), [1, 2]);
    let (_, body) = get_json(&sandbox, &token, "/api/users?limit=3&order_by=id&dir=desc").await;
    assert_eq!(ids(&body), [60, 59, 58]);
    let (status, body) = get_json(&sandbox, &token, "/api/approvals?limit=100&order_by=desc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["errors"]["approval"][0]
            .as_str()
            .expect("message")
            .contains("dir=asc|desc")
    );
}

#[tokio::test]
async fn filters_with_every_operator() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let all = sandbox.records(Resource::Approvals);
    let count =
        |predicate: &dyn Fn(&Value) -> bool| all.iter().filter(|a| predicate(a)).count().min(50);
    let cases: Vec<(&str, usize)> = vec![
        (
            "status=pending_approval",
            count(&|a| a["status"] == "pending_approval"),
        ),
        (
            "approvable_type=RequisitionHeader&status=pending_approval",
            count(&|a| {
                a["approvable-type"] == "RequisitionHeader" && a["status"] == "pending_approval"
            }),
        ),
        (
            "approvable-type[contains]=Expense",
            count(&|a| a["approvable-type"] == "ExpenseReport"),
        ),
        (
            "approvable_type[starts_with]=invoice",
            count(&|a| a["approvable-type"] == "InvoiceHeader"),
        ),
        (
            "status[ends_with]=ected",
            count(&|a| a["status"] == "rejected"),
        ),
        ("id[gt]=12700", count(&|a| a["id"].as_u64() > Some(12_700))),
        ("id[lt]=12610", 10),
        ("id[gt_or_eq]=12620&id[lt_or_eq]=12629", 10),
        (
            "status[not_eq]=pending_approval",
            count(&|a| a["status"] != "pending_approval"),
        ),
        (
            "status[in]=approved,rejected",
            count(&|a| a["status"] == "approved" || a["status"] == "rejected"),
        ),
        (
            "status[not_in]=approved,rejected",
            count(&|a| a["status"] != "approved" && a["status"] != "rejected"),
        ),
        (
            "approval_date[blank]=true",
            count(&|a| a["approval-date"].is_null()),
        ),
        (
            "approval_date[blank]=false",
            count(&|a| !a["approval-date"].is_null()),
        ),
        ("approver[id]=3", count(&|a| a["approver-id"] == 3)),
        ("created_at[gt]=2000-01-01", 50),
        ("created_at[lt]=2000-01-01T00:00:00Z", 0),
    ];
    for (query, expected) in cases {
        let (status, body) = get_json(&sandbox, &token, &format!("/api/approvals?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        assert_eq!(ids(&body).len(), expected, "{query}");
    }
    for bad in [
        "nope=1",
        "created_at[contains]=2026",
        "status[blank]=maybe",
        "fields=id",
        "return_object=none",
    ] {
        let (status, body) = get_json(&sandbox, &token, &format!("/api/approvals?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(body["errors"]["approval"].is_array(), "{bad}: {body}");
    }
}

#[tokio::test]
async fn fields_and_return_object_shape_the_records() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let (_, body) = get_json(
        &sandbox,
        &token,
        r#"/api/approvals?limit=2&fields=["id","approvable_type",{"approver":["login"]}]"#,
    )
    .await;
    let first = &body[0];
    assert_eq!(first.as_object().expect("object").len(), 3, "{first}");
    assert!(first["approver"]["login"].is_string() && first["approver"].get("email").is_none());
    let (_, body) = get_json(
        &sandbox,
        &token,
        "/api/requisitions?limit=1&return_object=limited",
    )
    .await;
    assert_eq!(
        body[0]
            .as_object()
            .expect("object")
            .keys()
            .collect::<Vec<_>>(),
        ["id"]
    );
    let (_, body) = get_json(
        &sandbox,
        &token,
        "/api/requisitions/4242?return_object=shallow",
    )
    .await;
    assert!(
        body["requisition-lines"][0].get("description").is_none(),
        "{body}"
    );
    assert!(body["requisition-lines"][0]["id"].is_number());
    assert_eq!(body["status"], "pending_approval");
}

#[tokio::test]
async fn every_resource_lists_and_shows_in_hyphenated_json() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let consent = sandbox.issue_token("sandbox-consent", &["core.expense.read"]);
    for resource in Resource::ALL {
        let token = if resource == Resource::ExpenseReports {
            &consent
        } else {
            &token
        };
        let (status, body) = get_json(&sandbox, token, &format!("/api/{}", resource.path())).await;
        assert_eq!(status, StatusCode::OK, "{resource:?}");
        let first = &body.as_array().expect("array")[0];
        assert!(
            first
                .as_object()
                .expect("object")
                .keys()
                .all(|k| !k.contains('_')),
            "{resource:?}"
        );
        let id = first["id"].as_u64().expect("id");
        let (status, one) =
            get_json(&sandbox, token, &format!("/api/{}/{id}", resource.path())).await;
        assert_eq!((status, &one), (StatusCode::OK, first), "{resource:?}");
        let (status, _) =
            get_json(&sandbox, token, &format!("/api/{}/999999", resource.path())).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (_, user) = get_json(&sandbox, &token, "/api/users/17").await;
    assert_eq!(user["id"], 17);
}

async fn act(
    sandbox: &connspec_sandbox::Sandbox,
    token: &str,
    method: reqwest::Method,
    path: &str,
) -> (StatusCode, Value) {
    let response = client(sandbox)
        .request(method, format!("{}{path}", sandbox.base_url()))
        .bearer_auth(token)
        .header("Accept", "application/json")
        .send()
        .await
        .expect("request");
    let status = response.status();
    let text = response.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn approve_reject_and_hold_only_pending_approvals() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let path = format!(
        "/api/approvals/{EXAMPLE_APPROVAL_ID}/approve?reason=Approved%20through%20Moveworks"
    );
    let (status, body) = act(&sandbox, &token, reqwest::Method::PUT, &path).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The approvable document comes back, now approved.
    assert_eq!(body["id"], 4242);
    assert_eq!(body["status"], "approved");
    let approval = sandbox
        .record(Resource::Approvals, EXAMPLE_APPROVAL_ID)
        .expect("approval");
    assert_eq!(approval["status"], "approved");
    assert_eq!(approval["note"], "Approved through Moveworks");
    assert_eq!(approval["approved-by"]["login"], "coupa.integration");
    // Not pending any more: 400 with errors.
    for action in ["approve", "reject", "hold"] {
        let (status, body) = act(
            &sandbox,
            &token,
            reqwest::Method::PATCH,
            &format!("/api/approvals/{EXAMPLE_APPROVAL_ID}/{action}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{action}");
        assert!(
            body["errors"]["approval"][0]
                .as_str()
                .expect("message")
                .contains("pending"),
            "{body}"
        );
    }
    let pending: Vec<Value> = sandbox
        .records(Resource::Approvals)
        .into_iter()
        .filter(|a| a["status"] == "pending_approval")
        .collect();
    let reject = &pending[0]["id"];
    let (status, body) = act(
        &sandbox,
        &token,
        reqwest::Method::PATCH,
        &format!("/api/approvals/{reject}/reject?reason=No"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        sandbox
            .record(Resource::Approvals, reject.as_u64().expect("id"))
            .expect("a")["status"],
        "rejected"
    );
    let holdable = pending
        .iter()
        .skip(1)
        .find(|a| a["holdable"] == true)
        .expect("a holdable one");
    let (status, _) = act(
        &sandbox,
        &token,
        reqwest::Method::PUT,
        &format!("/api/approvals/{}/hold", holdable["id"]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // POST is the wrong method; an unknown id is 404.
    let (status, _) = act(
        &sandbox,
        &token,
        reqwest::Method::POST,
        &format!("/api/approvals/{}/approve", pending[2]["id"]),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = act(
        &sandbox,
        &token,
        reqwest::Method::PUT,
        "/api/approvals/1/approve",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = act(
        &sandbox,
        &token,
        reqwest::Method::PUT,
        &format!(
            "/api/approvals/{}/approve?return_object=none",
            pending[3]["id"]
        ),
    )
    .await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, Value::String(String::new()))
    );
}

#[tokio::test]
async fn approval_responses_can_be_the_approval_itself() {
    let config = SandboxConfig {
        approval_response: ApprovalResponse::Approval,
        ..SandboxConfig::default()
    };
    let sandbox = start_with(config).await;
    let token = service_token(&sandbox, None).await;
    let (status, body) = act(
        &sandbox,
        &token,
        reqwest::Method::PUT,
        &format!("/api/approvals/{EXAMPLE_APPROVAL_ID}/approve"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (body["id"].as_u64(), body["status"].as_str()),
        (Some(EXAMPLE_APPROVAL_ID), Some("approved"))
    );
}

#[tokio::test]
async fn unknown_and_unserved_routes() {
    let sandbox = start().await;
    let token = service_token(&sandbox, None).await;
    let (status, body) = get_json(&sandbox, &token, "/api/expense-reports").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["errors"]["base"][0]
            .as_str()
            .expect("message")
            .contains("No route matches")
    );
    let (status, body) = get_json(&sandbox, &token, "/api/requisitions/mine").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["errors"]["base"][0]
            .as_str()
            .expect("message")
            .contains("not in the connspec sandbox")
    );
    let response = client(&sandbox)
        .get(format!("{}/nothing/here", sandbox.base_url()))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
