//! The sandbox's records: eight Coupa resources generated from a seed in Coupa's hyphenated JSON
//! shapes (reference/coupa.md §5), and the changes approve, reject and hold make to them.
//!
//! Values are illustrative; what matters is the shape, the id ranges, the statuses and the links
//! between records (an approval names its approvable; a requisition lists its approvals). The
//! example inputs of the connectors in `connectors/coupa/` exist: approval 12622 (pending, for
//! requisition 4242), requisition 4242 and user 17.

use serde_json::{Value, json};

use crate::config::TestUser;
use crate::time;

/// A Coupa resource the sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    Approvals,
    ExpenseReports,
    Requisitions,
    Invoices,
    PurchaseOrders,
    Users,
    UserGroups,
    Suppliers,
}

impl Resource {
    pub const ALL: [Resource; 8] = [
        Resource::Approvals,
        Resource::ExpenseReports,
        Resource::Requisitions,
        Resource::Invoices,
        Resource::PurchaseOrders,
        Resource::Users,
        Resource::UserGroups,
        Resource::Suppliers,
    ];

    /// The path segment after `/api/`.
    pub fn path(self) -> &'static str {
        match self {
            Resource::Approvals => "approvals",
            Resource::ExpenseReports => "expense_reports",
            Resource::Requisitions => "requisitions",
            Resource::Invoices => "invoices",
            Resource::PurchaseOrders => "purchase_orders",
            Resource::Users => "users",
            Resource::UserGroups => "user_groups",
            Resource::Suppliers => "suppliers",
        }
    }

    /// The resource of a path segment after `/api/`.
    pub fn from_path(segment: &str) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| r.path() == segment)
    }

    /// The XML element of one record (Coupa's model name, hyphenated).
    pub(crate) fn element(self) -> &'static str {
        match self {
            Resource::Approvals => "approval",
            Resource::ExpenseReports => "expense-report",
            Resource::Requisitions => "requisition-header",
            Resource::Invoices => "invoice-header",
            Resource::PurchaseOrders => "order-header",
            Resource::Users => "user",
            Resource::UserGroups => "user-group",
            Resource::Suppliers => "supplier",
        }
    }

    /// The XML element of a list of records.
    pub(crate) fn list_element(self) -> &'static str {
        match self {
            Resource::Approvals => "approvals",
            Resource::ExpenseReports => "expense-reports",
            Resource::Requisitions => "requisition-headers",
            Resource::Invoices => "invoice-headers",
            Resource::PurchaseOrders => "order-headers",
            Resource::Users => "users",
            Resource::UserGroups => "user-groups",
            Resource::Suppliers => "suppliers",
        }
    }

    /// The key of `{"errors": {key: [...]}}` bodies.
    pub(crate) fn error_key(self) -> &'static str {
        match self {
            Resource::Approvals => "approval",
            Resource::ExpenseReports => "expense_report",
            Resource::Requisitions => "requisition_header",
            Resource::Invoices => "invoice_header",
            Resource::PurchaseOrders => "order_header",
            Resource::Users => "user",
            Resource::UserGroups => "user_group",
            Resource::Suppliers => "supplier",
        }
    }

    /// The `approvable-type` of an approvable resource.
    fn approvable_type(self) -> Option<&'static str> {
        match self {
            Resource::Requisitions => Some("RequisitionHeader"),
            Resource::ExpenseReports => Some("ExpenseReport"),
            Resource::Invoices => Some("InvoiceHeader"),
            _ => None,
        }
    }

    fn from_approvable_type(kind: &str) -> Option<Resource> {
        [
            Resource::Requisitions,
            Resource::ExpenseReports,
            Resource::Invoices,
        ]
        .into_iter()
        .find(|r| r.approvable_type() == Some(kind))
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Id ranges (first id, count) of the generated records.
const USERS: (u64, u64) = (1, 60);
const USER_GROUPS: (u64, u64) = (1, 12);
const SUPPLIERS: (u64, u64) = (1, 40);
const REQUISITIONS: (u64, u64) = (4200, 80);
const EXPENSE_REPORTS: (u64, u64) = (150, 75);
const INVOICES: (u64, u64) = (9000, 70);
const PURCHASE_ORDERS: (u64, u64) = (3000, 60);
const APPROVALS: (u64, u64) = (12600, 130);

/// The approval every generated data set has pending, for requisition 4242 (the example inputs
/// of `connectors/coupa/approvals-service.yaml`).
pub const EXAMPLE_APPROVAL_ID: u64 = 12622;
const EXAMPLE_REQUISITION_ID: u64 = 4242;
/// A second approval every data set has pending, for requisition 4243: the example of the
/// `reject` action, so one run can approve one approval and reject another.
pub const EXAMPLE_REJECT_APPROVAL_ID: u64 = 12623;
const EXAMPLE_REJECT_REQUISITION_ID: u64 = 4243;
/// The integration user that client-credentials tokens act as.
pub(crate) const INTEGRATION_USER_ID: u64 = 1;

/// "Now" of the generated data: 2026-11-02T09:00:00-08:00. Records are older.
fn base_time() -> i64 {
    time::days_from_civil(2026, 11, 2) * 86_400 + 17 * 3600
}

/// All records, by resource, sorted by id.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    tables: [Vec<Value>; 8],
}

impl Store {
    /// Generates the records for `seed`; test users rename the users they stand for.
    pub(crate) fn generate(seed: u64, test_users: &[TestUser]) -> Store {
        Generator::new(seed, test_users).run()
    }

    pub(crate) fn table(&self, resource: Resource) -> &[Value] {
        &self.tables[resource.index()]
    }

    pub(crate) fn find(&self, resource: Resource, id: u64) -> Option<&Value> {
        let table = &self.tables[resource.index()];
        table
            .binary_search_by_key(&id, record_id)
            .ok()
            .map(|i| &table[i])
    }

    fn find_mut(&mut self, resource: Resource, id: u64) -> Option<&mut Value> {
        let table = &mut self.tables[resource.index()];
        table
            .binary_search_by_key(&id, record_id)
            .ok()
            .map(|i| &mut table[i])
    }

    /// The user a token acts as, in the short form records embed (`{"id", "login"}`).
    fn user_ref(&self, user_id: u64) -> Value {
        self.find(Resource::Users, user_id)
            .map_or(Value::Null, |u| json!({"id": u["id"], "login": u["login"]}))
    }

    /// Approves, rejects or holds a pending approval, as `actor` (a user id), with an optional
    /// reason. Returns the updated approval, or why the action is not valid.
    pub(crate) fn act_on_approval(
        &mut self,
        id: u64,
        action: ApprovalAction,
        actor: u64,
        reason: Option<&str>,
    ) -> Result<Value, ActionError> {
        let approval = self
            .find(Resource::Approvals, id)
            .ok_or(ActionError::NotFound)?;
        let status = approval["status"].as_str().unwrap_or_default().to_owned();
        if status != "pending_approval" {
            return Err(ActionError::Invalid(format!(
                "Approval {id} is {status} and can no longer be {}; only pending approvals can",
                action.past_tense()
            )));
        }
        if action == ApprovalAction::Hold && approval["holdable"] != Value::Bool(true) {
            return Err(ActionError::Invalid(format!(
                "Approval {id} cannot be put on hold"
            )));
        }
        let approvable = Resource::from_approvable_type(
            approval["approvable-type"].as_str().unwrap_or_default(),
        );
        let approvable_id = approval["approvable-id"].as_u64();
        let now = time::format(time::now_secs());
        let actor_ref = self.user_ref(actor);
        let new_status = action.approval_status();
        let approval = self
            .find_mut(Resource::Approvals, id)
            .ok_or(ActionError::NotFound)?;
        approval["status"] = json!(new_status);
        approval["updated-at"] = json!(now);
        approval["updated-by"] = actor_ref.clone();
        if action != ApprovalAction::Hold {
            approval["approval-date"] = json!(now);
        }
        if action == ApprovalAction::Approve {
            approval["approved-by"] = actor_ref;
        }
        if let Some(reason) = reason {
            approval["note"] = json!(reason);
        }
        let updated = approval.clone();
        if let (Some(resource), Some(approvable_id)) = (approvable, approvable_id) {
            self.refresh_approvable(resource, approvable_id, action, reason, &now);
        }
        Ok(updated)
    }

    /// Brings an approvable's approval summary and status in line with its approvals.
    fn refresh_approvable(
        &mut self,
        resource: Resource,
        id: u64,
        action: ApprovalAction,
        reason: Option<&str>,
        now: &str,
    ) {
        let approvals: Vec<Value> = self
            .table(Resource::Approvals)
            .iter()
            .filter(|a| {
                a["approvable-id"].as_u64() == Some(id)
                    && a["approvable-type"].as_str() == resource.approvable_type()
            })
            .cloned()
            .collect();
        let any_pending = approvals.iter().any(|a| a["status"] == "pending_approval");
        let Some(record) = self.find_mut(resource, id) else {
            return;
        };
        set_approval_summary(record, resource, &approvals);
        record["updated-at"] = json!(now);
        match action {
            ApprovalAction::Approve if !any_pending => record["status"] = json!("approved"),
            ApprovalAction::Reject => {
                let status = if resource == Resource::Invoices {
                    "disputed"
                } else {
                    "draft"
                };
                record["status"] = json!(status);
                let key = match resource {
                    Resource::Requisitions => "reject-reason-comment",
                    Resource::ExpenseReports => "reject-reason",
                    _ => "dispute-reason",
                };
                record[key] = reason.map_or(Value::Null, |r| json!(r));
            }
            _ => {}
        }
    }

    /// The approvable document of an approval.
    pub(crate) fn approvable_of(&self, approval: &Value) -> Option<(Resource, &Value)> {
        let resource = Resource::from_approvable_type(approval["approvable-type"].as_str()?)?;
        let record = self.find(resource, approval["approvable-id"].as_u64()?)?;
        Some((resource, record))
    }
}

/// An action on a pending approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApprovalAction {
    Approve,
    Reject,
    Hold,
}

impl ApprovalAction {
    pub(crate) fn from_segment(segment: &str) -> Option<ApprovalAction> {
        match segment {
            "approve" => Some(ApprovalAction::Approve),
            "reject" => Some(ApprovalAction::Reject),
            "hold" => Some(ApprovalAction::Hold),
            _ => None,
        }
    }

    fn approval_status(self) -> &'static str {
        match self {
            ApprovalAction::Approve => "approved",
            ApprovalAction::Reject => "rejected",
            ApprovalAction::Hold => "on_hold",
        }
    }

    fn past_tense(self) -> &'static str {
        match self {
            ApprovalAction::Approve => "approved",
            ApprovalAction::Reject => "rejected",
            ApprovalAction::Hold => "held",
        }
    }
}

/// Why an approval action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ActionError {
    NotFound,
    /// Not pending (or not holdable): Coupa answers 400 with this message.
    Invalid(String),
}

pub(crate) fn record_id(record: &Value) -> u64 {
    record["id"].as_u64().unwrap_or_default()
}

fn set_approval_summary(record: &mut Value, resource: Resource, approvals: &[Value]) {
    record["approvals"] = Value::Array(
        approvals
            .iter()
            .map(|a| json!({"id": a["id"], "status": a["status"], "position": a["position"]}))
            .collect(),
    );
    if resource == Resource::Requisitions {
        record["current-approval"] = approvals
            .iter()
            .find(|a| a["status"] == "pending_approval")
            .map_or(Value::Null, |a| {
                json!({"id": a["id"], "status": a["status"],
                       "approver": {"id": a["approver"]["id"], "login": a["approver"]["login"]}})
            });
    }
}

/// A small, stable pseudo-random generator (`SplitMix64`), so a seed gives the same records on
/// every platform and every version of every dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or_default();
        &items[index]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// An item chosen by weight.
    fn weighted<'a>(&mut self, items: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        items[0].0
    }

    /// A time up to `days` days before the base time, on a working hour.
    fn past(&mut self, days: u64) -> i64 {
        let secs = self.between(3600, days * 86_400);
        base_time() - i64::try_from(secs).unwrap_or_default()
    }
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

const FIRST_NAMES: [&str; 30] = [
    "Victor", "Bianca", "Ana", "Omar", "Priya", "Lena", "Marcus", "Sofia", "Kenji", "Amara",
    "Diego", "Hannah", "Ravi", "Chloe", "Tomas", "Ingrid", "Wei", "Fatima", "Jonas", "Elena",
    "Kwame", "Noor", "Mateo", "Aiko", "Samuel", "Leila", "Pavel", "Grace", "Hugo", "Zara",
];
const LAST_NAMES: [&str; 30] = [
    "Pierre", "Jenkins", "Okafor", "Haddad", "Raman", "Fischer", "Bell", "Moreau", "Tanaka",
    "Mensah", "Alvarez", "Weber", "Iyer", "Dubois", "Novak", "Larsen", "Chen", "Rahman", "Berg",
    "Rossi", "Owusu", "Saleh", "Garcia", "Sato", "Adeyemi", "Karimi", "Petrov", "Kim", "Laurent",
    "Ali",
];
const DEPARTMENTS: [&str; 8] = [
    "Finance",
    "Engineering",
    "Sales",
    "Marketing",
    "Operations",
    "Legal",
    "People",
    "IT",
];
const SUPPLIER_FIRST: [&str; 10] = [
    "Acme",
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
];
const SUPPLIER_SECOND: [&str; 4] = ["Office Supply", "Logistics", "Components", "Services"];
const GROUPS: [&str; 12] = [
    "Finance Approvers",
    "IT Approvers",
    "Procurement",
    "AP Team",
    "Expense Auditors",
    "Executive Approvers",
    "Legal Review",
    "Facilities",
    "Marketing Ops",
    "Sales Ops",
    "HR Approvers",
    "Engineering Leads",
];
const ITEMS: [(&str, u64); 12] = [
    ("14in laptop", 129_900),
    ("27in monitor", 32_900),
    ("Docking station", 18_900),
    ("Ergonomic chair", 45_000),
    ("Standing desk", 69_900),
    ("Headset", 8_900),
    ("Conference camera", 99_900),
    ("Software licence (annual)", 24_000),
    ("Printer toner", 6_500),
    ("Office paper (10 reams)", 5_400),
    ("Whiteboard", 21_000),
    ("Mobile phone", 79_900),
];
const EXPENSES: [(&str, &str, &str); 8] = [
    ("Airfare to Reno", "American Airlines", "Airfare"),
    ("Hotel, 2 nights", "Hilton", "Lodging"),
    ("Team dinner", "Bistro 22", "Meals"),
    ("Taxi to airport", "Yellow Cab", "Ground Transportation"),
    ("Conference ticket", "DevConf", "Training"),
    ("Client lunch", "Cafe Milano", "Meals"),
    ("Train to Boston", "Amtrak", "Ground Transportation"),
    ("Parking", "City Parking", "Ground Transportation"),
];
const TITLES: [&str; 8] = [
    "Q2 customer visit",
    "Sales kickoff",
    "Conference travel",
    "Client workshop",
    "Team offsite",
    "Partner summit",
    "Training week",
    "Site inspection",
];

struct Generator<'a> {
    rng: Rng,
    test_users: &'a [TestUser],
    users: Vec<Value>,
}

impl<'a> Generator<'a> {
    fn new(seed: u64, test_users: &'a [TestUser]) -> Self {
        Generator {
            rng: Rng(seed ^ 0x00C0_FFEE_5A4D_B0C5),
            test_users,
            users: Vec::new(),
        }
    }

    fn user(&self, id: u64) -> &Value {
        let index = usize::try_from(id - USERS.0).unwrap_or_default();
        &self.users[index.min(self.users.len() - 1)]
    }

    fn user_ref(&self, id: u64) -> Value {
        let u = self.user(id);
        json!({"id": u["id"], "login": u["login"]})
    }

    fn user_simple(&self, id: u64) -> Value {
        let u = self.user(id);
        json!({
            "id": u["id"], "login": u["login"], "email": u["email"],
            "employee-number": u["employee-number"], "firstname": u["firstname"],
            "lastname": u["lastname"], "fullname": u["fullname"], "salesforce-id": null,
        })
    }

    /// A user who is not the integration user.
    fn person(&mut self) -> u64 {
        self.rng.between(USERS.0 + 1, USERS.0 + USERS.1 - 1)
    }

    fn run(mut self) -> Store {
        self.users = self.users();
        let suppliers = self.suppliers();
        let groups = self.user_groups();
        let approvals = self.approvals();
        let requisitions = self.requisitions(&approvals, &suppliers);
        let expense_reports = self.expense_reports(&approvals);
        let invoices = self.invoices(&approvals, &suppliers);
        let purchase_orders = self.purchase_orders(&requisitions, &suppliers);
        let mut tables: [Vec<Value>; 8] = Default::default();
        tables[Resource::Approvals.index()] = approvals;
        tables[Resource::ExpenseReports.index()] = expense_reports;
        tables[Resource::Requisitions.index()] = requisitions;
        tables[Resource::Invoices.index()] = invoices;
        tables[Resource::PurchaseOrders.index()] = purchase_orders;
        tables[Resource::Users.index()] = std::mem::take(&mut self.users);
        tables[Resource::UserGroups.index()] = groups;
        tables[Resource::Suppliers.index()] = suppliers;
        for table in &mut tables {
            table.sort_by_key(record_id);
        }
        Store { tables }
    }

    fn users(&mut self) -> Vec<Value> {
        let mut users: Vec<Value> = Vec::new();
        let mut logins: Vec<String> = Vec::new();
        for id in USERS.0..USERS.0 + USERS.1 {
            let (first, last, login) = if id == INTEGRATION_USER_ID {
                (
                    "Integration".to_owned(),
                    "User".to_owned(),
                    "coupa.integration".to_owned(),
                )
            } else {
                let first = (*self.rng.pick(&FIRST_NAMES)).to_owned();
                let last = (*self.rng.pick(&LAST_NAMES)).to_owned();
                let mut login = format!(
                    "{}{}",
                    first.chars().next().unwrap_or('x').to_ascii_lowercase(),
                    last.to_ascii_lowercase()
                );
                if logins.contains(&login) {
                    login = format!("{login}{id}");
                }
                (first, last, login)
            };
            let login = self
                .test_users
                .iter()
                .find(|t| t.user_id == id)
                .map_or(login, |t| t.login.clone());
            logins.push(login.clone());
            let created = self.rng.past(900);
            let department = self.rng.below(DEPARTMENTS.len() as u64) + 1;
            let manager = if id <= USERS.0 + 4 {
                Value::Null
            } else {
                let m = self.rng.between(USERS.0 + 1, USERS.0 + 4);
                let mu: &Value = &users[usize::try_from(m - USERS.0).unwrap_or_default()];
                json!({"id": mu["id"], "login": mu["login"], "email": mu["email"], "fullname": mu["fullname"]})
            };
            let api_user = id == INTEGRATION_USER_ID;
            users.push(json!({
                "id": id,
                "created-at": time::format(created),
                "updated-at": time::format(created + i64::try_from(self.rng.below(5_000_000)).unwrap_or_default()),
                "login": login,
                "email": format!("{login}@example.com"),
                "firstname": first,
                "lastname": last,
                "fullname": format!("{first} {last}"),
                "active": api_user || !self.rng.chance(8),
                "employee-number": format!("E{id:04}"),
                "api-user": api_user,
                "purchasing-user": !api_user,
                "expense-user": !api_user,
                "default-locale": "en",
                "salesforce-id": null,
                "manager": manager,
                "department": {"id": department, "name": DEPARTMENTS[usize::try_from(department - 1).unwrap_or_default()]},
                "roles": [{"id": 1, "name": "User"}],
                "default-currency": {"id": 1, "code": "USD"},
            }));
        }
        users
    }

    fn suppliers(&mut self) -> Vec<Value> {
        (SUPPLIERS.0..SUPPLIERS.0 + SUPPLIERS.1)
            .map(|id| {
                let index = usize::try_from(id - 1).unwrap_or_default();
                let name = format!(
                    "{} {}",
                    SUPPLIER_FIRST[index % SUPPLIER_FIRST.len()],
                    SUPPLIER_SECOND[index / SUPPLIER_FIRST.len() % SUPPLIER_SECOND.len()]
                );
                let slug: String = name
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                let created = self.rng.past(1200);
                let creator = self.person();
                json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 86_400),
                    "name": name,
                    "display-name": name,
                    "number": format!("SUP-{id:05}"),
                    "status": self.rng.weighted(&[("active", 80), ("inactive", 12), ("draft", 8)]),
                    "po-method": self.rng.weighted(&[("email", 60), ("cxml", 30), ("prompt", 10)]),
                    "po-email": format!("orders@{slug}.example.com"),
                    "invoice-matching-level": self.rng.weighted(&[("2-way", 50), ("3-way", 50)]),
                    "payment-term": {"id": 1 + self.rng.below(3), "code": self.rng.pick(&["Net 30", "Net 45", "Net 60"])},
                    "primary-address": {"id": 1000 + id, "name": "Head office", "street1": format!("{} Market Street", 10 + id), "city": "San Francisco", "postal-code": "94105", "country": {"code": "US"}},
                    "primary-contact": {"id": 2000 + id, "email": format!("sales@{slug}.example.com"), "name-given": "Alex", "name-family": "Morgan"},
                    "created-by": self.user_ref(creator),
                    "updated-by": self.user_ref(creator),
                })
            })
            .collect()
    }

    fn user_groups(&mut self) -> Vec<Value> {
        (USER_GROUPS.0..USER_GROUPS.0 + USER_GROUPS.1)
            .map(|id| {
                let name = GROUPS[usize::try_from(id - 1).unwrap_or_default() % GROUPS.len()];
                let owner = self.person();
                let mut members: Vec<u64> =
                    (0..self.rng.between(3, 8)).map(|_| self.person()).collect();
                members.sort_unstable();
                members.dedup();
                let created = self.rng.past(1000);
                json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 3600),
                    "name": name,
                    "description": format!("{name} in the sandbox"),
                    "active": !self.rng.chance(10),
                    "can-approve": name.ends_with("Approvers") || self.rng.chance(30),
                    "open": self.rng.chance(40),
                    "mention-name": name.to_ascii_lowercase().replace(' ', "_"),
                    "type": null,
                    "owner": self.user_ref(owner),
                    "users": members.iter().map(|m| self.user_ref(*m)).collect::<Vec<_>>(),
                })
            })
            .collect()
    }

    fn approvals(&mut self) -> Vec<Value> {
        let first_test_user = self.test_users.first().map(|u| u.user_id);
        let mut approvals = Vec::new();
        for id in APPROVALS.0..APPROVALS.0 + APPROVALS.1 {
            let (mut kind, mut approvable_id, mut status) = if id == EXAMPLE_APPROVAL_ID {
                (
                    "RequisitionHeader",
                    EXAMPLE_REQUISITION_ID,
                    "pending_approval",
                )
            } else {
                let kind = self.rng.weighted(&[
                    ("RequisitionHeader", 60),
                    ("ExpenseReport", 20),
                    ("InvoiceHeader", 20),
                ]);
                let (first, count) = match kind {
                    "RequisitionHeader" => REQUISITIONS,
                    "ExpenseReport" => EXPENSE_REPORTS,
                    _ => INVOICES,
                };
                let mut approvable_id = first + self.rng.below(count);
                if approvable_id == EXAMPLE_REQUISITION_ID {
                    approvable_id += 1;
                }
                let status = self.rng.weighted(&[
                    ("pending_approval", 45),
                    ("approved", 35),
                    ("rejected", 10),
                    ("escalated", 5),
                    ("waiting", 5),
                ]);
                (kind, approvable_id, status)
            };
            // Drawn like any other approval so the rest of the data set stays as it was.
            if id == EXAMPLE_REJECT_APPROVAL_ID {
                (kind, approvable_id, status) = (
                    "RequisitionHeader",
                    EXAMPLE_REJECT_REQUISITION_ID,
                    "pending_approval",
                );
            }
            let approver = match first_test_user {
                Some(user) if id == EXAMPLE_APPROVAL_ID || self.rng.chance(25) => user,
                _ => self.person(),
            };
            let created = self.rng.past(120);
            let decided =
                created + i64::try_from(self.rng.between(3600, 5 * 86_400)).unwrap_or_default();
            let done = matches!(status, "approved" | "rejected");
            let creator = self.person();
            approvals.push(json!({
                "id": id,
                "created-at": time::format(created),
                "updated-at": time::format(if done { decided } else { created }),
                "position": 1,
                "approval-chain-id": null,
                "status": status,
                "approval-date": if done { json!(time::format(decided)) } else { Value::Null },
                "note": null,
                "type": if kind == "InvoiceHeader" { "InvoiceApproval" } else { "ManagementHierarchyApproval" },
                "approvable-type": kind,
                "approvable-id": approvable_id,
                "approver-type": "User",
                "approver-id": approver,
                "holdable": kind == "InvoiceHeader" || self.rng.chance(50) || id == EXAMPLE_APPROVAL_ID,
                "approver": self.user_simple(approver),
                "approved-by": if status == "approved" { self.user_ref(approver) } else { Value::Null },
                "created-by": self.user_ref(creator),
                "updated-by": self.user_ref(creator),
                "delegates": [],
                "reasons": [],
            }));
        }
        // Positions count each approvable's approvals in id order.
        let mut seen: Vec<(String, u64)> = Vec::new();
        for approval in &mut approvals {
            let key = (
                approval["approvable-type"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                approval["approvable-id"].as_u64().unwrap_or_default(),
            );
            let position = seen.iter().filter(|k| **k == key).count() + 1;
            approval["position"] = json!(position);
            seen.push(key);
        }
        approvals
    }

    /// The approvals of one approvable and the status they imply, if any.
    fn approvals_of(
        approvals: &[Value],
        kind: &str,
        id: u64,
    ) -> (Vec<Value>, Option<&'static str>) {
        let mine: Vec<Value> = approvals
            .iter()
            .filter(|a| a["approvable-type"] == kind && a["approvable-id"].as_u64() == Some(id))
            .cloned()
            .collect();
        let has = |status: &str| mine.iter().any(|a| a["status"] == status);
        let implied = if has("pending_approval") || has("escalated") || has("waiting") {
            Some("pending_approval")
        } else if has("rejected") {
            Some("rejected")
        } else if has("approved") {
            Some("approved")
        } else {
            None
        };
        (mine, implied)
    }

    fn requisitions(&mut self, approvals: &[Value], suppliers: &[Value]) -> Vec<Value> {
        (REQUISITIONS.0..REQUISITIONS.0 + REQUISITIONS.1)
            .map(|id| {
                let (mine, implied) = Self::approvals_of(approvals, "RequisitionHeader", id);
                let status = match implied {
                    Some("pending_approval") => "pending_approval",
                    Some("rejected") => "draft",
                    Some(_) => self.rng.weighted(&[("approved", 40), ("ordered", 40), ("received", 10), ("partially_received", 10)]),
                    None => self.rng.weighted(&[("draft", 30), ("cart", 15), ("ordered", 25), ("pending_buyer_action", 10), ("abandoned", 10), ("withdrawn", 10)]),
                };
                let requester = self.person();
                let created = self.rng.past(150);
                let lines: Vec<Value> = (1..=self.rng.between(1, 3))
                    .map(|n| {
                        let (description, price) = *self.rng.pick(&ITEMS);
                        let quantity = self.rng.between(1, 4);
                        let supplier = self.rng.pick(suppliers);
                        json!({
                            "id": id * 10 + n,
                            "line-num": n,
                            "description": description,
                            "quantity": format!("{quantity}.0"),
                            "unit-price": money(price),
                            "total": money(price * quantity),
                            "currency": {"id": 1, "code": "USD"},
                            "line-type": "RequisitionQuantityLine",
                            "status": status,
                            "need-by-date": time::format(created + 21 * 86_400),
                            "supplier": {"id": supplier["id"], "name": supplier["name"]},
                            "uom": {"code": "EA"},
                            "order-line-id": null,
                        })
                    })
                    .collect();
                let total: u64 = lines.iter().map(|l| cents(&l["total"])).sum();
                let title = lines[0]["description"].as_str().unwrap_or_default().to_owned();
                let mut record = json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 600),
                    "status": status,
                    "req-title": format!("{title} for {}", self.user(requester)["firstname"].as_str().unwrap_or_default()),
                    "justification": self.rng.pick(&["Onboarding", "Replacement", "New project", "Team growth"]),
                    "submitted-at": if status == "draft" || status == "cart" { Value::Null } else { json!(time::format(created + 300)) },
                    "need-by-date": time::format(created + 21 * 86_400),
                    "line-count": lines.len(),
                    "total": money(total),
                    "currency": "USD",
                    "exported": status == "ordered" && self.rng.chance(50),
                    "last-exported-at": null,
                    "requested-by": self.user_ref(requester),
                    "requester": self.user_ref(requester),
                    "created-by": self.user_ref(requester),
                    "updated-by": self.user_ref(requester),
                    "department": self.user(requester)["department"].clone(),
                    "current-approval": null,
                    "approvals": [],
                    "requisition-lines": lines,
                    "ship-to-address": {"id": 1, "name": "HQ"},
                    "reject-reason-comment": if implied == Some("rejected") { json!("Over budget") } else { Value::Null },
                });
                set_approval_summary(&mut record, Resource::Requisitions, &mine);
                record
            })
            .collect()
    }

    fn expense_reports(&mut self, approvals: &[Value]) -> Vec<Value> {
        (EXPENSE_REPORTS.0..EXPENSE_REPORTS.0 + EXPENSE_REPORTS.1)
            .map(|id| {
                let (mine, implied) = Self::approvals_of(approvals, "ExpenseReport", id);
                let status = match implied {
                    Some("pending_approval") => "pending_approval",
                    Some("rejected") => "draft",
                    Some(_) => self.rng.weighted(&[("approved", 30), ("approved_for_payment", 20), ("scheduled_for_payment", 10), ("paid", 30), ("accounting_review", 10)]),
                    None => self.rng.weighted(&[("draft", 40), ("working", 20), ("pending_info", 10), ("paid", 30)]),
                };
                let owner = self.person();
                let created = self.rng.past(150);
                let lines: Vec<Value> = (1..=self.rng.between(1, 4))
                    .map(|n| {
                        let (description, merchant, category) = *self.rng.pick(&EXPENSES);
                        let amount = self.rng.between(1_500, 90_000);
                        json!({
                            "id": id * 10 + n,
                            "line-num": n,
                            "description": description,
                            "merchant": merchant,
                            "amount": money(amount),
                            "expense-date": time::format(created - i64::try_from(n * 86_400).unwrap_or_default()),
                            "expense-category": {"name": category},
                        })
                    })
                    .collect();
                let total: u64 = lines.iter().map(|l| cents(&l["amount"])).sum();
                let submitted = !matches!(status, "draft" | "working");
                let mut record = json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 7200),
                    "title": self.rng.pick(&TITLES),
                    "status": status,
                    "submitted-at": if submitted { json!(time::format(created + 3600)) } else { Value::Null },
                    "auditor-note": null,
                    "reject-reason": if implied == Some("rejected") { json!("Missing receipts") } else { Value::Null },
                    "paid": status == "paid",
                    "total": money(total),
                    "audit-score": self.rng.below(100),
                    "exported": status == "paid",
                    "last-exported-at": null,
                    "external-src-ref": null,
                    "external-src-name": null,
                    "currency": {"id": 1, "code": "USD"},
                    "expensed-by": {"id": owner, "login": self.user(owner)["login"], "email": self.user(owner)["email"]},
                    "created-by": self.user_ref(owner),
                    "updated-by": self.user_ref(owner),
                    "expense-lines": lines,
                    "approvals": [],
                    "comments": [],
                });
                set_approval_summary(&mut record, Resource::ExpenseReports, &mine);
                record
            })
            .collect()
    }

    fn invoices(&mut self, approvals: &[Value], suppliers: &[Value]) -> Vec<Value> {
        (INVOICES.0..INVOICES.0 + INVOICES.1)
            .map(|id| {
                let (mine, implied) = Self::approvals_of(approvals, "InvoiceHeader", id);
                let status = match implied {
                    Some("pending_approval") => "pending_approval",
                    Some("rejected") => "disputed",
                    Some(_) => "approved",
                    None => self.rng.weighted(&[("new", 15), ("draft", 15), ("on_hold", 10), ("pending_receipt", 10), ("ap_hold", 10), ("approved", 25), ("voided", 5), ("disputed", 10)]),
                };
                let supplier = self.rng.pick(suppliers).clone();
                let created = self.rng.past(150);
                let lines: Vec<Value> = (1..=self.rng.between(1, 3))
                    .map(|n| {
                        let (description, price) = *self.rng.pick(&ITEMS);
                        let quantity = self.rng.between(1, 5);
                        json!({
                            "id": id * 10 + n,
                            "line-num": n,
                            "description": description,
                            "price": money(price),
                            "quantity": format!("{quantity}.0"),
                            "total": money(price * quantity),
                        })
                    })
                    .collect();
                let total: u64 = lines.iter().map(|l| cents(&l["total"])).sum();
                let creator = self.person();
                let mut record = json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 86_400),
                    "invoice-number": format!("INV-{id}"),
                    "invoice-date": time::format(created - 2 * 86_400),
                    "status": status,
                    "document-type": "Invoice",
                    "is-credit-note": false,
                    "supplier": {"id": supplier["id"], "name": supplier["name"], "number": supplier["number"]},
                    "currency": {"id": 1, "code": "USD"},
                    "gross-total": money(total),
                    "exported": status == "approved" && self.rng.chance(40),
                    "last-exported-at": null,
                    "dispute-reason": null,
                    "invoice-lines": lines,
                    "approvals": [],
                    "created-by": self.user_ref(creator),
                    "updated-by": self.user_ref(creator),
                });
                set_approval_summary(&mut record, Resource::Invoices, &mine);
                record
            })
            .collect()
    }

    fn purchase_orders(&mut self, requisitions: &[Value], suppliers: &[Value]) -> Vec<Value> {
        let ordered: Vec<&Value> = requisitions
            .iter()
            .filter(|r| {
                matches!(
                    r["status"].as_str(),
                    Some("ordered" | "received" | "partially_received")
                )
            })
            .collect();
        (PURCHASE_ORDERS.0..PURCHASE_ORDERS.0 + PURCHASE_ORDERS.1)
            .map(|id| {
                let supplier = self.rng.pick(suppliers).clone();
                let requisition = if ordered.is_empty() || self.rng.chance(30) {
                    Value::Null
                } else {
                    json!({"id": self.rng.pick(&ordered)["id"]})
                };
                let requester = self.person();
                let created = self.rng.past(200);
                let lines: Vec<Value> = (1..=self.rng.between(1, 3))
                    .map(|n| {
                        let (description, price) = *self.rng.pick(&ITEMS);
                        let quantity = self.rng.between(1, 6);
                        json!({
                            "id": id * 10 + n,
                            "line-num": n,
                            "description": description,
                            "price": money(price),
                            "quantity": format!("{quantity}.0"),
                            "total": money(price * quantity),
                            "status": "created",
                        })
                    })
                    .collect();
                let total: u64 = lines.iter().map(|l| cents(&l["total"])).sum();
                let status = self.rng.weighted(&[("issued", 50), ("closed", 20), ("draft", 10), ("cancelled", 5), ("buyer_hold", 5), ("currency_hold", 5), ("supplier_hold", 5)]);
                json!({
                    "id": id,
                    "created-at": time::format(created),
                    "updated-at": time::format(created + 4 * 3600),
                    "po-number": id.to_string(),
                    "status": status,
                    "type": "ExternalOrderHeader",
                    "version": 1 + self.rng.below(3),
                    "supplier": {"id": supplier["id"], "name": supplier["name"], "number": supplier["number"]},
                    "requester": self.user_simple(requester),
                    "requisition-header": requisition,
                    "currency": {"id": 1, "code": "USD"},
                    "total": money(total),
                    "exported": status == "closed",
                    "last-exported-at": null,
                    "transmission-status": if status == "draft" { "not_transmitted" } else { "sent_via_email" },
                    "order-lines": lines,
                    "created-by": self.user_ref(requester),
                    "updated-by": self.user_ref(requester),
                })
            })
            .collect()
    }
}

fn cents(money: &Value) -> u64 {
    let text = money.as_str().unwrap_or("0");
    let (units, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let units: u64 = units.parse().unwrap_or_default();
    let fraction: u64 = format!("{fraction:0<2}")[..2].parse().unwrap_or_default();
    units * 100 + fraction
}

/// Every record's keys are hyphenated; a query's may use underscores.
pub(crate) fn normalize_key(key: &str) -> String {
    key.replace('_', "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SandboxConfig;

    fn store(seed: u64) -> Store {
        Store::generate(seed, &SandboxConfig::default().users)
    }

    #[test]
    fn the_same_seed_gives_the_same_records_and_another_seed_others() {
        let a = store(7);
        let b = store(7);
        let c = store(8);
        for r in Resource::ALL {
            assert_eq!(a.table(r), b.table(r));
        }
        assert_ne!(a.table(Resource::Approvals), c.table(Resource::Approvals));
    }

    #[test]
    fn the_connectors_example_ids_exist_for_every_seed() {
        for seed in 0..20 {
            let s = store(seed);
            let approval = s
                .find(Resource::Approvals, EXAMPLE_APPROVAL_ID)
                .expect("approval");
            assert_eq!(approval["status"], "pending_approval");
            assert_eq!(approval["approvable-type"], "RequisitionHeader");
            assert_eq!(approval["approvable-id"], EXAMPLE_REQUISITION_ID);
            assert_eq!(approval["approver-id"], 3);
            let requisition = s.find(Resource::Requisitions, 4242).expect("requisition");
            assert_eq!(requisition["status"], "pending_approval");
            let reject = s
                .find(Resource::Approvals, EXAMPLE_REJECT_APPROVAL_ID)
                .expect("approval to reject");
            assert_eq!(reject["status"], "pending_approval");
            assert_eq!(reject["approvable-id"], EXAMPLE_REJECT_REQUISITION_ID);
            assert!(s.find(Resource::Users, 17).is_some());
            assert_eq!(
                s.find(Resource::Users, 3).expect("user")["login"],
                "sandbox.approver"
            );
        }
    }

    #[test]
    fn records_are_sorted_hyphenated_and_linked() {
        let s = store(1);
        for r in Resource::ALL {
            let table = s.table(r);
            assert!(table.len() >= 12, "{r:?}");
            assert!(
                table
                    .windows(2)
                    .all(|w| record_id(&w[0]) < record_id(&w[1]))
            );
            for record in table {
                let object = record.as_object().expect("object");
                assert!(object.keys().all(|k| !k.contains('_')), "{r:?} {record}");
            }
        }
        for approval in s.table(Resource::Approvals) {
            let (_, approvable) = s.approvable_of(approval).expect("approvable exists");
            let listed = approvable["approvals"].as_array().expect("approvals");
            assert!(listed.iter().any(|a| a["id"] == approval["id"]));
            if approval["status"] == "pending_approval" {
                assert_eq!(approvable["status"], "pending_approval");
            }
        }
        let pending = s
            .table(Resource::Approvals)
            .iter()
            .filter(|a| a["status"] == "pending_approval")
            .count();
        assert!(pending > 50, "{pending} pending approvals");
    }

    #[test]
    fn approving_changes_the_approval_and_its_approvable_once() {
        let mut s = store(1);
        let approved = s
            .act_on_approval(EXAMPLE_APPROVAL_ID, ApprovalAction::Approve, 1, Some("ok"))
            .expect("approve");
        assert_eq!(approved["status"], "approved");
        assert_eq!(approved["note"], "ok");
        assert_eq!(approved["approved-by"]["login"], "coupa.integration");
        let requisition = s.find(Resource::Requisitions, 4242).expect("requisition");
        assert_eq!(requisition["approvals"][0]["status"], "approved");
        let again = s.act_on_approval(EXAMPLE_APPROVAL_ID, ApprovalAction::Reject, 1, None);
        assert!(matches!(again, Err(ActionError::Invalid(m)) if m.contains("approved")));
        assert_eq!(
            s.act_on_approval(1, ApprovalAction::Approve, 1, None),
            Err(ActionError::NotFound)
        );
    }

    #[test]
    fn money_parses_to_cents() {
        assert_eq!(cents(&json!("567.07")), 56_707);
        assert_eq!(cents(&json!("1.5")), 150);
        assert_eq!(money(56_707), "567.07");
    }
}
