//! Area edits that could not reach the server yet.
//!
//! An area page's sections (contact person, the five places to influence)
//! are saved through server functions. When the browser is offline, or the
//! request never reaches the server, the edit waits here instead of being
//! lost: in `localStorage` (so it survives a reload), shown on the page as
//! unsent, and sent in order when the connection returns. The roadmap and
//! the tour have their own queue in the sync client; this one is for the
//! section forms.
//!
//! Every section is written whole, so a later edit of a section supersedes
//! an earlier unsent one of the same section. An edit is checked with the
//! server's own rules before it is queued: what waits here would be
//! accepted, unless the session has ended meanwhile (then it waits, marked
//! with the server's answer, until it is sent or the user discards it).

use crate::model::{
    validate_contacts, validate_note, validate_place, validate_progress, Area, ContactsInput,
    Field, InfluencePlace, Progress, ValidContacts, ValidationError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One section's new content, as the form sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "section", rename_all = "snake_case")]
pub enum AreaEdit {
    Contacts {
        name: String,
        role: String,
        email: String,
        phone: String,
        network_org: String,
    },
    Place {
        place: String,
        status: String,
        note: String,
    },
}

impl AreaEdit {
    /// The section the edit replaces (as the area's change log names it).
    pub fn section(&self) -> String {
        match self {
            AreaEdit::Contacts { .. } => "contacts".to_string(),
            AreaEdit::Place { place, .. } => format!("places.{}", place.trim()),
        }
    }

    /// The server's rules, applied here first.
    pub fn check(&self) -> Result<(), ValidationError> {
        self.validated().map(|_| ())
    }

    fn validated(&self) -> Result<Valid, ValidationError> {
        Ok(match self {
            AreaEdit::Contacts {
                name,
                role,
                email,
                phone,
                network_org,
            } => Valid::Contacts(validate_contacts(&ContactsInput {
                name: name.clone(),
                role: role.clone(),
                email: email.clone(),
                phone: phone.clone(),
                network_org: network_org.clone(),
            })?),
            AreaEdit::Place {
                place,
                status,
                note,
            } => Valid::Place(
                validate_place(place)?,
                validate_progress(status)?,
                validate_note(Field::Note, note)?,
            ),
        })
    }

    /// Puts the edit into a copy of the area, as the server would store
    /// it (without the stamp: it is not saved yet).
    pub fn apply_to(&self, area: &mut Area) -> Result<(), ValidationError> {
        match self.validated()? {
            Valid::Contacts(valid) => {
                area.contacts.person = valid.person;
                area.contacts.network_org = valid.network_org;
            }
            Valid::Place(place, status, note) => {
                let section = area.places.get_mut(place);
                section.status = status;
                section.note = note;
            }
        }
        Ok(())
    }
}

enum Valid {
    Contacts(ValidContacts),
    Place(InfluencePlace, Progress, String),
}

/// An edit waiting to be sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// Client-made, to tell entries apart.
    pub id: String,
    /// The area's code.
    pub code: String,
    pub edit: AreaEdit,
    /// The server's answer when it refused the edit (the session ended, or
    /// the rules changed): kept until sent or discarded by the user.
    #[serde(default)]
    pub refused: Option<String>,
}

/// Adds an edit; an earlier unsent edit of the same section is superseded.
pub fn enqueue(queue: &mut Vec<Queued>, entry: Queued) {
    let section = entry.edit.section();
    queue.retain(|q| !(q.code == entry.code && q.edit.section() == section));
    queue.push(entry);
}

/// The area as this browser shows it: stored + its unsent edits in order.
pub fn overlay(area: &Area, queue: &[Queued]) -> Area {
    let mut shown = area.clone();
    for q in queue.iter().filter(|q| q.code == area.code) {
        // Entries were checked when queued; one that no longer applies is
        // still listed as unsent, just not shown in the section.
        let _ = q.edit.apply_to(&mut shown);
    }
    shown
}

#[cfg(feature = "hydrate")]
const STORAGE_KEY: &str = "areas.pending.v1";

/// The page-wide outbox: provided once by the app, so it also sends when
/// the user has moved on to another page.
#[derive(Clone, Copy)]
pub struct Outbox {
    queue: RwSignal<Vec<Queued>>,
    /// The area as the server returned it after a queued edit was sent.
    pub saved: RwSignal<Option<Area>>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    auth: crate::auth::context::Auth,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    sending: StoredValue<bool>,
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    pub fn provide(auth: crate::auth::context::Auth) -> Self {
        let outbox = Outbox {
            queue: RwSignal::new(Vec::new()),
            saved: RwSignal::new(None),
            auth,
            sending: StoredValue::new(false),
        };
        provide_context(outbox);
        #[cfg(feature = "hydrate")]
        {
            // After hydration, so the server's page and the first browser
            // render agree; then the unsent edits appear.
            Effect::new(move |_| outbox.start());
        }
        outbox
    }

    /// The area with this browser's unsent edits applied (tracked).
    pub fn shown(self, area: RwSignal<Area>) -> Memo<Area> {
        let queue = self.queue;
        Memo::new(move |_| overlay(&area.read(), &queue.read()))
    }

    /// The unsent edit of one section, if any (tracked).
    pub fn pending(self, code: &str, section: &str) -> Option<Queued> {
        self.queue.with(|q| {
            q.iter()
                .find(|e| e.code == code && e.edit.section() == section)
                .cloned()
        })
    }

    /// Queues an edit (already checked by the caller) and tries to send.
    pub fn push(self, code: String, edit: AreaEdit) {
        let entry = Queued {
            id: crate::roadmap::client::new_id(),
            code,
            edit,
            refused: None,
        };
        self.queue.update(|q| enqueue(q, entry));
        self.persist();
    }

    /// A newer version of the section was saved directly: the unsent one is
    /// out of date.
    pub fn superseded(self, code: &str, section: &str) {
        if self.pending(code, section).is_some() {
            self.queue
                .update(|q| q.retain(|e| !(e.code == code && e.edit.section() == section)));
            self.persist();
        }
    }

    /// The user gives up an edit the server refused.
    pub fn discard(self, id: &str) {
        self.queue.update(|q| q.retain(|e| e.id != id));
        self.persist();
    }

    fn persist(self) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = window().local_storage().ok().flatten() {
            let json = self.queue.with_untracked(serde_json::to_string);
            let _ = storage.set_item(STORAGE_KEY, &json.unwrap_or_default());
        }
    }
}

/// Whether a failed call never got an answer from the server (worth
/// sending again later), as opposed to a refusal.
pub fn unreached(error: &ServerFnError) -> bool {
    matches!(
        error,
        ServerFnError::Request(_) | ServerFnError::Response(_) | ServerFnError::Deserialization(_)
    )
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::api::{error_message, update_contacts, update_place};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// How often a waiting edit is retried while the browser says it is
    /// online (the server may have been the one away).
    const RETRY_MS: i32 = 15_000;

    impl Outbox {
        pub(super) fn start(self) {
            if let Some(saved) = window()
                .local_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            {
                if let Ok(queue) = serde_json::from_str::<Vec<Queued>>(&saved) {
                    self.queue.set(queue);
                }
            }
            let online = Closure::<dyn Fn()>::new(move || self.send_all());
            let _ = window()
                .add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
            let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(
                online.as_ref().unchecked_ref(),
                RETRY_MS,
            );
            online.forget();
            self.send_all();
        }

        /// Sends every waiting edit in order; stops at the first that does
        /// not reach the server (the rest would not either).
        pub fn send_all(self) {
            let idle = self.queue.with_untracked(|q| q.is_empty());
            if idle || self.sending.get_value() || !window().navigator().on_line() {
                return;
            }
            self.sending.set_value(true);
            leptos::task::spawn_local(async move {
                let entries = self.queue.get_untracked();
                for entry in entries {
                    let csrf = self.auth.csrf();
                    let result = match entry.edit.clone() {
                        AreaEdit::Contacts {
                            name,
                            role,
                            email,
                            phone,
                            network_org,
                        } => {
                            update_contacts(
                                entry.code.clone(),
                                csrf,
                                name,
                                role,
                                email,
                                phone,
                                network_org,
                            )
                            .await
                        }
                        AreaEdit::Place {
                            place,
                            status,
                            note,
                        } => update_place(entry.code.clone(), csrf, place, status, note).await,
                    };
                    match result {
                        Ok(area) => {
                            self.queue.update(|q| q.retain(|e| e.id != entry.id));
                            self.saved.set(Some(area));
                        }
                        Err(e) if unreached(&e) => break,
                        Err(e) => {
                            let why = error_message(&e);
                            self.queue.update(|q| {
                                if let Some(q) = q.iter_mut().find(|q| q.id == entry.id) {
                                    q.refused = Some(why.clone());
                                }
                            });
                        }
                    }
                    self.persist();
                }
                self.sending.set_value(false);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts(name: &str) -> AreaEdit {
        AreaEdit::Contacts {
            name: name.into(),
            role: String::new(),
            email: "anna@example.fi".into(),
            phone: String::new(),
            network_org: "Verkosto ry".into(),
        }
    }

    fn place(key: &str, status: &str, note: &str) -> AreaEdit {
        AreaEdit::Place {
            place: key.into(),
            status: status.into(),
            note: note.into(),
        }
    }

    fn entry(code: &str, edit: AreaEdit) -> Queued {
        Queued {
            id: format!("{code}-{}", edit.section()),
            code: code.into(),
            edit,
            refused: None,
        }
    }

    #[test]
    fn a_later_edit_of_a_section_supersedes_the_unsent_one() {
        let mut queue = Vec::new();
        enqueue(&mut queue, entry("PI", contacts("Anna")));
        enqueue(&mut queue, entry("PI", place("grants", "in_progress", "a")));
        enqueue(&mut queue, entry("KS", contacts("Kalle")));
        enqueue(&mut queue, entry("PI", contacts("Aino")));
        let sections: Vec<_> = queue
            .iter()
            .map(|q| format!("{} {}", q.code, q.edit.section()))
            .collect();
        assert_eq!(
            sections,
            ["PI places.grants", "KS contacts", "PI contacts"],
            "the newer contacts edit replaced the older and went last"
        );
        assert!(matches!(&queue[2].edit, AreaEdit::Contacts { name, .. } if name == "Aino"));
    }

    #[test]
    fn the_page_shows_the_unsent_edits_of_its_own_area_only() {
        let area = Area {
            code: "PI".into(),
            name_fi: "Pirkanmaan hyvinvointialue".into(),
            name_sv: "Birkalands välfärdsområde".into(),
            population: 1,
            contacts: Default::default(),
            places: Default::default(),
            tour: Default::default(),
        };
        let queue = vec![
            entry("PI", contacts("Anna")),
            entry("PI", place("hyte", "done", "Sovittu")),
            entry("KS", contacts("Kalle")),
        ];
        let shown = overlay(&area, &queue);
        let person = shown.contacts.person.expect("the queued contact shows");
        assert_eq!(person.name, "Anna");
        assert_eq!(shown.contacts.network_org.as_deref(), Some("Verkosto ry"));
        assert_eq!(
            shown.places.get(InfluencePlace::Hyte).status,
            Progress::Done
        );
        assert_eq!(shown.places.get(InfluencePlace::Hyte).note, "Sovittu");
        // The stored copy is untouched.
        assert!(area.contacts.person.is_none());
    }

    #[test]
    fn an_edit_the_server_would_refuse_is_caught_before_it_is_queued() {
        assert!(contacts("Anna").check().is_ok());
        assert!(place("grants", "in_progress", "").check().is_ok());
        // A contact without a name, an unknown place, an unknown status.
        assert!(contacts("").check().is_err());
        assert!(place("parking", "in_progress", "").check().is_err());
        assert!(place("grants", "finished", "").check().is_err());
        let long = "x".repeat(crate::model::MAX_NOTE + 1);
        assert!(place("grants", "in_progress", &long).check().is_err());
    }

    #[test]
    fn the_queue_survives_as_json() {
        let queue = vec![
            entry("PI", contacts("Anna")),
            entry("PI", place("hyte", "done", "")),
        ];
        let json = serde_json::to_string(&queue).unwrap();
        assert!(json.contains(r#""section":"contacts""#), "{json}");
        let back: Vec<Queued> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, queue);
    }
}
