//! What the eligibility check knows of the signed-in supplier: its KBLI
//! codes (the business step), its documents and its products' highest TKDN
//! (the overview). Asked again each time a tender page opens, so a document
//! added a minute ago counts; nothing is asked signed out or for someone
//! without a supplier (cooperative staff).

use leptos::prelude::*;

use crate::api::{supplier, ApiError, Cancel};
use crate::domain::calendar::{Day, Zone};
use crate::domain::eligibility::SupplierFacts;
use crate::domain::tkdn::Tkdn;
use crate::session::{use_session, SessionState};

/// Where the supplier's facts stand.
#[derive(Clone, Debug, PartialEq)]
pub enum Facts {
    /// Nobody with a supplier is signed in: no check.
    NoSupplier,
    /// Being asked.
    Loading,
    /// Here.
    Known(SupplierFacts),
    /// Could not be asked (the page says so; tenders still show).
    Failed,
}

impl Facts {
    /// The facts, once here.
    pub fn known(&self) -> Option<&SupplierFacts> {
        match self {
            Facts::Known(facts) => Some(facts),
            _ => None,
        }
    }
}

/// Today in Indonesia (WIB), for documents' expiry.
pub fn today() -> Day {
    Day::today(js_sys::Date::now() as i64, Zone::Wib)
}

async fn ask(cancel: &Cancel) -> Result<SupplierFacts, ApiError> {
    let overview = supplier::overview(cancel).await?;
    let kbli = supplier::kbli(cancel).await?;
    Ok(SupplierFacts {
        kbli: (!kbli.is_empty()).then_some(kbli),
        documents: overview
            .documents_brief
            .iter()
            .map(|brief| brief.brief())
            .collect(),
        highest_tkdn: overview
            .highest_tkdn_percent
            .and_then(|percent| Tkdn::from_wire(percent).ok()),
        today: today(),
    })
}

/// The signed-in supplier's facts, asked for when the page opens and again
/// when the person signed in changes; the request ends with the page.
pub fn use_facts() -> ReadSignal<Facts> {
    let session = use_session();
    let (facts, set_facts) = signal(Facts::NoSupplier);
    let cancel = Cancel::on_unmount();
    let supplier = Memo::new(move |_| {
        let signed_in = session.state.get() == SessionState::SignedIn;
        session
            .me
            .with(|me| me.as_ref().and_then(|me| me.supplier_id))
            .filter(|_| signed_in)
    });
    Effect::new(move |_| {
        if supplier.get().is_none() {
            set_facts.set(Facts::NoSupplier);
            return;
        }
        set_facts.set(Facts::Loading);
        let cancel = cancel.clone();
        leptos::task::spawn_local(async move {
            match ask(&cancel).await {
                Err(ApiError::Cancelled) => {}
                Ok(known) => {
                    set_facts.try_set(Facts::Known(known));
                }
                Err(_) => {
                    set_facts.try_set(Facts::Failed);
                }
            }
        });
    });
    facts
}
