//! The two fields of every form that sets a password (accepting an
//! invitation, changing one's password, resetting it by mail): the
//! password, with its minimum length stated and enforced by the browser,
//! and the same again. The server checks both again (`auth::password`).

use crate::auth::MIN_PASSWORD;
use crate::text::t;
use leptos::prelude::*;

/// The inputs' ids are `{id}-password` and `{id}-repeat`, the hint's
/// `{id}-hint`; the first input is sent as `name`, the second as `repeat`.
/// `replacing` says the account already has a password: the labels say
/// "new", and the hint that the other sessions end.
#[component]
pub fn NewPasswordFields(id: &'static str, name: &'static str, replacing: bool) -> impl IntoView {
    let t = t();
    let (label, hint, repeat) = if replacing {
        (t.new_password, t.new_password_hint, t.new_password_repeat)
    } else {
        (t.password, t.password_min, t.password_repeat)
    };
    let (password_id, hint_id, repeat_id) = (
        format!("{id}-password"),
        format!("{id}-hint"),
        format!("{id}-repeat"),
    );
    view! {
        <div class="field">
            <label for=password_id.clone()>{label}</label>
            <input id=password_id name=name type="password" autocomplete="new-password" required
                minlength=MIN_PASSWORD.to_string() aria-describedby=hint_id.clone()/>
            <p class="hint" id=hint_id>{t.fill(hint, &[("n", &MIN_PASSWORD.to_string())])}</p>
        </div>
        <div class="field">
            <label for=repeat_id.clone()>{repeat}</label>
            <input id=repeat_id name="repeat" type="password" autocomplete="new-password" required/>
        </div>
    }
}
