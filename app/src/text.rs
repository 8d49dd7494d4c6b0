//! The message catalogue: one [`Texts`] value per language, Finnish
//! ([`FI`], the default, here), Swedish ([`SV`], `text/sv.rs`) and English
//! ([`EN`], `text/en.rs`). Every string a person is shown lives here, in
//! one shape, a field in all three: the pages' texts and labels, the
//! refusals of the checks that run in the browser and on the server
//! (`model::ValidationError`, `roadmap::FieldProblem`, the merge's
//! refusals, `model::ImportError`, `auth::AccountInputError`), the server
//! functions' errors and the sync server's `error` frames. There is no
//! other way to write a message: a new one is a new field.
//!
//! Error types carry data (a field, a limit, a line, the value quoted) and
//! become text at the edge, through these fields, in the locale asked for
//! (`message_in`) or the interface's (`Display`, [`t`]). Parameters are
//! `{name}` placeholders, filled by [`crate::i18n::fill`] (numbers from the
//! constants, never written into the text). A missing field does not
//! compile, and the tests below, which walk every field through `Serialize`,
//! refuse empty strings, Swedish or English strings left identical to the
//! Finnish one (unless allowed) and placeholders that differ.
//!
//! Area names are data (`Area::name_fi`, `name_sv`), not texts: see
//! `Area::name_in` and `Area::short_name_in`.

mod en;
mod sv;

pub use en::EN;
pub use sv::SV;

use crate::i18n::{fill, locale, Locale};
use crate::indicators::{Indicator, Level};
use crate::model::{InfluencePlace, Progress, TourStatus};
use crate::roadmap::field::Field;
use crate::roadmap::{ActionStatus, Theme};
use serde::Serialize;

#[derive(Serialize)]
pub struct Texts {
    // The whole site.
    pub site_name: &'static str,
    pub meta_description: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    /// The phone header's button that opens the navigation.
    pub menu: &'static str,
    pub nav_map: &'static str,
    pub nav_roadmap: &'static str,
    pub nav_surveys: &'static str,
    pub nav_admin: &'static str,
    pub language_label: &'static str,
    pub breadcrumb: &'static str,
    pub sign_in: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub please_wait: &'static str,
    pub all: &'static str,
    pub close: &'static str,
    pub guest: &'static str,
    pub attribution: &'static str,
    pub footer_accessibility: &'static str,
    pub footer_privacy: &'static str,
    pub footer_links: &'static str,
    pub print_meta: &'static str,
    pub print_filters: &'static str,
    pub print_no_filters: &'static str,
    pub embed_open_full: &'static str,
    pub embed_button: &'static str,
    pub embed_code_label: &'static str,
    pub a11y_intro: &'static str,
    pub a11y_status_heading: &'static str,
    pub a11y_status: &'static str,
    pub a11y_tested: &'static str,
    pub a11y_gaps_heading: &'static str,
    pub a11y_gaps: &'static str,
    pub a11y_feedback_heading: &'static str,
    pub a11y_feedback: &'static str,
    pub contact_maintainer: &'static str,
    pub contact_maintainer_missing: &'static str,
    pub a11y_authority_heading: &'static str,
    pub a11y_authority: &'static str,
    pub privacy_intro: &'static str,
    pub privacy_data_heading: &'static str,
    pub privacy_data: &'static str,
    pub privacy_why_heading: &'static str,
    pub privacy_why: &'static str,
    pub privacy_time_heading: &'static str,
    pub privacy_time: &'static str,
    pub privacy_who_heading: &'static str,
    pub privacy_who: &'static str,
    pub privacy_cookies_heading: &'static str,
    pub privacy_cookies: &'static str,
    pub privacy_rights_heading: &'static str,
    pub privacy_rights: &'static str,
    pub privacy_contact_heading: &'static str,
    // Map page.
    pub map_title: &'static str,
    pub map_intro: &'static str,
    pub map_label: &'static str,
    pub map_keyboard_help: &'static str,
    pub map_inset_title: &'static str,
    pub map_open_area: &'static str,
    pub indicator_label: &'static str,
    pub indicator_show: &'static str,
    pub legend_title: &'static str,
    pub table_caption: &'static str,
    pub col_area: &'static str,
    pub col_population: &'static str,
    pub ind_contact_named: &'static str,
    pub ind_grants: &'static str,
    pub ind_premises: &'static str,
    pub ind_strategy: &'static str,
    pub ind_hyte: &'static str,
    pub ind_sote_centres: &'static str,
    pub level_named: &'static str,
    pub level_not_named: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_map: &'static str,
    // Area page.
    pub population_label: &'static str,
    pub other_name: &'static str,
    pub contacts_title: &'static str,
    pub contact_person: &'static str,
    pub contact_not_named: &'static str,
    pub contact_name: &'static str,
    pub contact_role: &'static str,
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub contact_role_hint: &'static str,
    pub contact_clear_hint: &'static str,
    pub network_org: &'static str,
    pub network_org_unknown: &'static str,
    pub places_title: &'static str,
    pub places_intro: &'static str,
    pub status: &'static str,
    pub note: &'static str,
    pub no_note: &'static str,
    pub tour_title: &'static str,
    pub tour_date: &'static str,
    pub tour_date_unknown: &'static str,
    pub tour_status: &'static str,
    pub tour_notes: &'static str,
    pub edit: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub last_changed: &'static str,
    pub never_changed: &'static str,
    pub by: &'static str,
    pub save_failed: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub area_surveys_title: &'static str,
    pub area_roadmap_title: &'static str,
    pub area_no_actions: &'static str,
    pub area_all_areas_note: &'static str,
    pub area_roadmap_link: &'static str,
    pub edit_denied: &'static str,
    pub edit_sign_in_suffix: &'static str,
    // Places to influence, progress, tour and action statuses, themes.
    pub place_grants: &'static str,
    pub place_premises: &'static str,
    pub place_strategy: &'static str,
    pub place_hyte: &'static str,
    pub place_sote_centres: &'static str,
    pub place_grants_text: &'static str,
    pub place_premises_text: &'static str,
    pub place_strategy_text: &'static str,
    pub place_hyte_text: &'static str,
    pub place_sote_centres_text: &'static str,
    pub progress_unknown: &'static str,
    pub progress_not_started: &'static str,
    pub progress_in_progress: &'static str,
    pub progress_done: &'static str,
    pub tour_unknown: &'static str,
    pub tour_planned: &'static str,
    pub tour_confirmed: &'static str,
    pub tour_visited: &'static str,
    pub theme_administration: &'static str,
    pub theme_leadership: &'static str,
    pub theme_services: &'static str,
    pub theme_interfaces: &'static str,
    pub theme_ict: &'static str,
    pub action_planned: &'static str,
    pub action_in_progress: &'static str,
    pub action_done: &'static str,
    pub action_blocked: &'static str,
    // Accounts.
    pub role_viewer: &'static str,
    pub role_editor: &'static str,
    pub role_admin: &'static str,
    pub sign_in_intro: &'static str,
    pub email_address: &'static str,
    pub password: &'static str,
    pub sign_in_button: &'static str,
    pub sign_in_limit: &'static str,
    pub account_title: &'static str,
    pub account_sign_in_suffix: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub change_password: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_hint: &'static str,
    pub new_password_repeat: &'static str,
    pub password_changed: &'static str,
    pub sign_out: &'static str,
    pub invitation: &'static str,
    pub invitation_welcome: &'static str,
    pub invitation_intro: &'static str,
    pub password_min: &'static str,
    pub password_repeat: &'static str,
    pub create_account: &'static str,
    pub invitation_invalid: &'static str,
    // Admin page.
    pub admin_only: &'static str,
    pub invite_title: &'static str,
    pub invite_hint: &'static str,
    pub invite_create: &'static str,
    pub invite_link: &'static str,
    pub users_title: &'static str,
    pub role_of: &'static str,
    pub change: &'static str,
    pub account_active: &'static str,
    pub account_inactive: &'static str,
    pub deactivate: &'static str,
    pub activate: &'static str,
    pub audit_title: &'static str,
    pub audit_hint: &'static str,
    pub audit_filter: &'static str,
    pub col_time: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_target: &'static str,
    pub col_details: &'static str,
    pub audit_sign_in: &'static str,
    pub audit_sign_in_failed: &'static str,
    pub audit_sign_out: &'static str,
    pub audit_password_changed: &'static str,
    pub audit_account_created: &'static str,
    pub audit_invited: &'static str,
    pub audit_invitation_accepted: &'static str,
    pub audit_role_changed: &'static str,
    pub audit_deactivated: &'static str,
    pub audit_reactivated: &'static str,
    pub audit_survey_imported: &'static str,
    pub audit_area_edit: &'static str,
    pub audit_roadmap_change: &'static str,
    // Surveys.
    pub surveys_intro: &'static str,
    pub respondents_n: &'static str,
    pub surveys_load_failed: &'static str,
    pub survey_load_failed: &'static str,
    pub not_known: &'static str,
    pub organiser: &'static str,
    pub method: &'static str,
    pub period: &'static str,
    pub respondents: &'static str,
    pub question: &'static str,
    pub key_finding: &'static str,
    pub summary_only: &'static str,
    pub summary_ranked: &'static str,
    pub summary_none: &'static str,
    pub col_answer: &'static str,
    pub col_share: &'static str,
    pub col_count: &'static str,
    pub col_bar: &'static str,
    pub download_data_csv: &'static str,
    pub chart_label: &'static str,
    pub download_png: &'static str,
    pub import_title: &'static str,
    pub import_help: &'static str,
    pub import_example: &'static str,
    pub import_file: &'static str,
    pub import_text: &'static str,
    pub import_too_big: &'static str,
    pub import_unreadable: &'static str,
    pub import_preview: &'static str,
    pub import_run: &'static str,
    pub import_done: &'static str,
    pub import_preview_title: &'static str,
    pub import_warning: &'static str,
    // Roadmap.
    pub roadmap_title: &'static str,
    pub roadmap_intro: &'static str,
    pub sync_bar: &'static str,
    pub sync_online: &'static str,
    pub sync_connecting: &'static str,
    pub sync_offline: &'static str,
    pub all_saved: &'static str,
    pub one_pending: &'static str,
    pub n_pending: &'static str,
    pub present_now: &'static str,
    /// After the names when more people are on the page than are named.
    pub n_more_here: &'static str,
    pub you: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub restore_mine: &'static str,
    pub view_by_theme: &'static str,
    pub view_by_place: &'static str,
    pub view_list: &'static str,
    pub view_timeline: &'static str,
    pub timeline_title: &'static str,
    pub timeline_group_label: &'static str,
    pub timeline_by_theme: &'static str,
    pub timeline_by_goal: &'static str,
    pub timeline_keys: &'static str,
    pub timeline_today: &'static str,
    pub timeline_today_outside: &'static str,
    pub timeline_undated: &'static str,
    pub timeline_empty: &'static str,
    pub months_short: &'static str,
    pub view_label: &'static str,
    pub filter_label: &'static str,
    pub search_text: &'static str,
    pub filter_apply: &'static str,
    pub filter_clear: &'static str,
    pub download_csv: &'static str,
    pub csv_file_name: &'static str,
    pub print: &'static str,
    pub filtered_note: &'static str,
    pub new_goal: &'static str,
    pub new_action: &'static str,
    pub add_goal: &'static str,
    pub add_goal_to_theme: &'static str,
    pub add_action: &'static str,
    pub other_goals: &'static str,
    pub no_goals: &'static str,
    pub unsent: &'static str,
    pub editing_now: &'static str,
    pub edit_goal: &'static str,
    pub edit_action: &'static str,
    pub actions: &'static str,
    pub actions_table_caption: &'static str,
    pub col_action: &'static str,
    pub col_responsibility: &'static str,
    pub col_schedule: &'static str,
    pub deleted_n: &'static str,
    pub restore: &'static str,
    pub from_date: &'static str,
    pub by_date: &'static str,
    pub all_areas: &'static str,
    pub card_label: &'static str,
    pub history: &'static str,
    pub fetching: &'static str,
    pub empty_value: &'static str,
    pub all_lower: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub created_item: &'static str,
    pub moved_item: &'static str,
    pub overwrote: &'static str,
    pub already_this_version: &'static str,
    pub restore_version: &'static str,
    pub change_n: &'static str,
    pub also_editing: &'static str,
    pub no_item: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub delete: &'static str,
    pub no_place: &'static str,
    pub areas_legend: &'static str,
    pub field_title: &'static str,
    pub field_description: &'static str,
    pub field_theme: &'static str,
    pub field_place: &'static str,
    pub field_goal: &'static str,
    pub field_owner: &'static str,
    pub field_responsible: &'static str,
    pub field_start: &'static str,
    pub field_due: &'static str,
    pub field_areas: &'static str,
    pub field_position: &'static str,
    pub field_deleted: &'static str,
    pub field_other: &'static str,
    pub sign_in_to_edit_roadmap: &'static str,
    pub item_missing: &'static str,
    pub change_refused: &'static str,
    pub server_says: &'static str,
    pub overwritten_notice: &'static str, // Messages of the server.
    pub err_area_not_found: &'static str,
    pub err_wrong_credentials: &'static str,
    pub err_too_many_attempts: &'static str,
    pub err_wrong_current_password: &'static str,
    pub err_account_exists: &'static str,
    pub err_own_role: &'static str,
    pub err_own_account: &'static str,
    pub err_sign_in_to_edit: &'static str,
    pub err_forbidden: &'static str,
    pub err_csrf: &'static str,
    // The tour.
    pub nav_tour: &'static str,
    pub tour_visit: &'static str,
    pub offline_note: &'static str,
    pub tour_page_title: &'static str,
    pub tour_intro: &'static str,
    pub visits_in_order: &'static str,
    pub not_sent: &'static str,
    pub tour_event_heading: &'static str,
    pub visit_title: &'static str,
    pub venue: &'static str,
    pub attendees: &'static str,
    pub attendees_hint: &'static str,
    pub followups: &'static str,
    pub visit_notes_hint: &'static str,
    pub visit_pending: &'static str,
    /// An area section saved on this device because the server could not be reached.
    pub area_queued: &'static str,
    pub area_unsent_note: &'static str,
    pub area_refused: &'static str,
    pub discard_edit: &'static str,
    pub area_live_hint: &'static str,
    pub restore_value: &'static str,
    pub visit_missing: &'static str,
    pub area_facts: &'static str,
    pub full_area_page: &'static str,
    pub event_actions_title: &'static str,
    pub no_area_actions: &'static str,
    pub open_roadmap_for_area: &'static str,
    pub survey_highlights: &'static str,
    pub open_event_view: &'static str,
    pub qr_caption: &'static str,
    pub qr_alt: &'static str,
    // Calendar feeds (server/src/calendar.rs) and the links to them.
    pub calendar_add: &'static str,
    pub calendar_subscribe: &'static str,
    pub calendar_subscribe_hint: &'static str,
    pub ics_tour_name: &'static str,
    pub ics_roadmap_name: &'static str,
    pub ics_action_summary: &'static str,
    pub visit_of_area: &'static str,
    pub err_visit_undated: &'static str,
    // Search (search.rs, the header's field and /search).
    pub err_search_too_long: &'static str,
    pub search_label: &'static str,
    pub search_input_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_title: &'static str,
    pub search_page_title: &'static str,
    pub search_prompt: &'static str,
    pub search_none: &'static str,
    pub search_count: &'static str,
    pub search_kind_area: &'static str,
    pub search_kind_goal: &'static str,
    pub search_kind_action: &'static str,
    pub search_kind_visit: &'static str,
    pub search_kind_survey: &'static str,
    // Names of fields, in history, notices and refusals (`field_label`).
    pub field_status: &'static str,
    pub field_area: &'static str,
    pub field_date: &'static str,
    pub field_venue: &'static str,
    pub field_attendees: &'static str,
    pub field_notes: &'static str,
    pub field_followups: &'static str,
    pub field_contact_name: &'static str,
    pub field_contact_role: &'static str,
    pub field_contact_email: &'static str,
    pub field_contact_phone: &'static str,
    pub field_network_org: &'static str,
    pub field_grants_status: &'static str,
    pub field_grants_note: &'static str,
    pub field_premises_status: &'static str,
    pub field_premises_note: &'static str,
    pub field_strategy_status: &'static str,
    pub field_strategy_note: &'static str,
    pub field_hyte_status: &'static str,
    pub field_hyte_note: &'static str,
    pub field_sote_centres_status: &'static str,
    pub field_sote_centres_note: &'static str,
    // The rules of a field's value (`roadmap::FieldProblem`).
    pub rule_unknown_field: &'static str,
    pub rule_not_in_goal: &'static str,
    pub rule_not_in_action: &'static str,
    pub rule_not_in_visit: &'static str,
    pub rule_not_in_area: &'static str,
    pub rule_bad_email: &'static str,
    pub rule_bad_phone: &'static str,
    pub rule_unknown_progress: &'static str,
    pub rule_unknown_area_code: &'static str,
    pub rule_unknown_visit_status: &'static str,
    pub rule_unknown_theme: &'static str,
    pub rule_unknown_place: &'static str,
    pub rule_bad_goal_id: &'static str,
    pub rule_unknown_status: &'static str,
    pub rule_bad_date: &'static str,
    pub rule_not_a_list: &'static str,
    pub rule_area_code_not_text: &'static str,
    pub rule_bad_position_key: &'static str,
    pub rule_not_a_boolean: &'static str,
    pub rule_not_text: &'static str,
    pub rule_empty: &'static str,
    pub rule_too_long: &'static str,
    pub rule_control_multiline: &'static str,
    pub rule_control_single_line: &'static str,
    pub rule_invisible: &'static str,
    pub rule_direction_controls: &'static str,
    // Why a change was refused (`roadmap::merge`); also the sync server's.
    pub field_problem: &'static str,
    pub err_bad_change_id: &'static str,
    pub err_bad_item_id: &'static str,
    pub err_kind_missing: &'static str,
    pub err_id_taken: &'static str,
    pub err_required: &'static str,
    pub err_item_not_found: &'static str,
    pub err_kind_mismatch: &'static str,
    pub err_no_fields: &'static str,
    pub err_visit_area_fixed: &'static str,
    pub err_goal_not_found: &'static str,
    pub err_bad_visit_id: &'static str,
    pub err_area_area_fixed: &'static str,
    pub err_bad_area_id: &'static str,
    // The sync server's errors (`server/src/sync`).
    pub sync_text_only: &'static str,
    pub sync_rate_limited: &'static str,
    pub sync_too_large: &'static str,
    pub sync_bad_json: &'static str,
    pub sync_bad_message: &'static str,
    pub sync_version: &'static str,
    pub sync_database_retry: &'static str,
    pub sync_hello_first: &'static str,
    pub sync_sign_in: &'static str,
    pub sync_read_only: &'static str,
    pub sync_shutting_down: &'static str,
    pub sync_no_item: &'static str,
    pub sync_database: &'static str,
    pub sync_busy: &'static str,
    // Checks of the area forms (`model::ValidationError`): `{field}` is one
    // of the `input_*` names or a field name above.
    pub input_place: &'static str,
    pub input_note: &'static str,
    pub input_too_long: &'static str,
    pub input_control: &'static str,
    pub input_invisible: &'static str,
    pub input_direction: &'static str,
    pub input_email: &'static str,
    pub input_phone: &'static str,
    pub input_unknown: &'static str,
    // Account forms (`auth::AccountInputError`, `store::AccountError`).
    pub err_email_invalid: &'static str,
    pub err_password_too_short: &'static str,
    pub err_password_too_long: &'static str,
    pub err_passwords_differ: &'static str,
    pub err_name_missing: &'static str,
    pub err_name_too_long: &'static str,
    pub err_name_control: &'static str,
    pub err_unknown_role: &'static str,
    pub err_invitation_invalid: &'static str,
    pub err_database: &'static str,
    pub err_internal: &'static str,
    pub err_bad_request: &'static str,
    pub err_no_connection: &'static str,
    pub err_survey_not_found: &'static str,
    pub err_question_not_found: &'static str,
    pub err_unknown_area_code: &'static str,
    // Survey CSV import (`model::ImportError`); `{part}` is an `import_part_*`.
    pub import_at_line: &'static str,
    pub import_part_title: &'static str,
    pub import_part_question: &'static str,
    pub import_part_organiser: &'static str,
    pub import_part_option: &'static str,
    pub import_err_too_large: &'static str,
    pub import_err_bad_csv: &'static str,
    pub import_err_column_count: &'static str,
    pub import_err_too_many_rows: &'static str,
    pub import_err_missing: &'static str,
    pub import_err_too_long: &'static str,
    pub import_err_control: &'static str,
    pub import_err_duplicate_option: &'static str,
    pub import_err_not_a_number: &'static str,
    pub import_err_negative: &'static str,
    pub import_err_percent_over_100: &'static str,
    pub import_err_bad_date: &'static str,
    pub import_err_bad_respondents: &'static str,
    pub import_err_zero_respondents: &'static str,
    pub import_err_bad_unit: &'static str,
    pub import_err_unknown_key: &'static str,
    pub import_err_no_title: &'static str,
    pub import_err_no_date: &'static str,
    pub import_err_no_question: &'static str,
    pub import_err_no_respondents: &'static str,
    pub import_err_no_header: &'static str,
    pub import_err_no_rows: &'static str,
    pub import_warn_shares: &'static str,
    pub import_warn_answers: &'static str,
}

pub const FI: Texts = Texts {
    // The whole site.
    site_name: "Järjestöt ja hyvinvointialueet",
    meta_description: "Järjestöjen ja hyvinvointialueiden yhteinen työtila",
    skip_to_content: "Siirry sisältöön",
    nav_label: "Päävalikko",
    menu: "Valikko",
    nav_map: "Alueet",
    nav_roadmap: "Tiekartta",
    nav_surveys: "Kyselyt",
    nav_admin: "Ylläpito",
    language_label: "Kieli",
    breadcrumb: "Murupolku",
    sign_in: "Kirjaudu sisään",
    loading: "Ladataan…",
    load_failed: "Tietojen lataus epäonnistui. Yritä hetken päästä uudelleen.",
    please_wait: "Hetkinen…",
    all: "Kaikki",
    close: "Sulje",
    guest: "Vierailija",
    attribution: "Karttapohja: Natural Earth (vapaa käyttö). Paikkatiedot: GeoNames, \
        CC BY 4.0. Alueiden rajat on muodostettu näistä yleistäen, eivätkä ne ole \
        virallisia rajoja. Väestö: Tilastokeskus 31.12.2020.",
    footer_accessibility: "Saavutettavuusseloste",
    footer_privacy: "Tietosuojaseloste",
    footer_links: "Palvelusta",
    print_meta: "Tulostettu {date} osoitteesta {url}",
    print_filters: "Rajaukset: {filters}",
    print_no_filters: "Kaikki toimenpiteet (ei rajauksia).",
    embed_open_full: "Avaa koko palvelussa",
    embed_button: "Upota omalle sivustolle",
    embed_code_label: "Kopioi tämä koodi sivusi HTML:ään:",
    a11y_intro: "Tämä seloste koskee järjestöjen ja hyvinvointialueiden yhteistä työtilaa. Laki digitaalisten palvelujen tarjoamisesta (306/2019) edellyttää, että julkisen sektorin verkkopalvelut ovat saavutettavia, ja monet palvelun käyttäjistä kuuluvat lain piiriin.",
    a11y_status_heading: "Saavutettavuuden tila",
    a11y_status: "Palvelu täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset osittain. Alla luetellut puutteet tiedetään, ja niitä korjataan.",
    a11y_tested: "Saavutettavuus tarkistetaan jokaisen muutoksen yhteydessä: automaattinen axe-tarkistus käy sivut läpi, ja selaintestit käyttävät palvelua näppäimistöllä, 360 pikselin levyisellä näytöllä ja ilman JavaScriptiä. Seloste on laadittu 5.12.2026.",
    a11y_gaps_heading: "Tunnetut puutteet",
    a11y_gaps: "Kartan alueiden muodot ovat likimääräisiä, ja muoto välittyy vain näkevälle. Samat tiedot ovat kartan vieressä taulukkona.\nKyselyjen kaaviot ovat kuvia; jokaisen kaavion tiedot ovat myös taulukkona ja CSV-tiedostona.\nIlmoitus siitä, kuka muokkaa samaa kohtaa juuri nyt, ei aina tavoita ruudunlukijaa heti.\nTulostamalla tehdyt PDF-tiedostot eivät ole merkittyjä (tagged) PDF-asiakirjoja; sama sisältö on verkkosivuna ja CSV-tiedostona.",
    a11y_feedback_heading: "Palaute",
    a11y_feedback: "Huomasitko puutteen? Kerro siitä palvelun ylläpitäjälle, niin korjaamme sen tai toimitamme tiedon sinulle muussa muodossa. Vastaamme 14 päivän kuluessa.",
    contact_maintainer: "Ylläpitäjän sähköposti: {email}",
    contact_maintainer_missing: "Ota yhteyttä sen järjestön tai hyvinvointialueen yhteyshenkilöön, jonka kautta käytät palvelua.",
    a11y_authority_heading: "Valvontaviranomainen",
    a11y_authority: "Jos et saa vastausta kahden viikon kuluessa tai vastaus ei tyydytä, voit tehdä ilmoituksen valvontaviranomaiselle. Suomessa digitaalisten palvelujen saavutettavuutta valvoo saavutettavuusvalvonta (vuodesta 2026 Lupa- ja valvontavirasto, aiemmin Etelä-Suomen aluehallintovirasto). Ohjeet ilmoituksen tekemiseen:",
    privacy_intro: "Tässä kerrotaan, mitä henkilötietoja työtilassa käsitellään, miksi ja kuinka kauan. Rekisterinpitäjä on palvelua ylläpitävä organisaatio.",
    privacy_data_heading: "Mitä tietoja",
    privacy_data: "Käyttäjätilit: nimi, sähköpostiosoite, rooli, salasana (vain tiivisteenä, josta salasanaa ei saa takaisin) ja kirjautumisajat.\nAlueiden yhteyshenkilöt: nimi, tehtävä, työsähköposti ja työpuhelin, jotka alueet ovat julkaisseet tai ilmoittaneet.\nMuutoshistoria: kuka muutti mitä ja milloin tiekartassa, alueiden sivuilla ja kiertueen tiedoissa.\nTapahtumaloki: kirjautumiset, kutsut, roolien muutokset ja kirjautumisen IP-osoite.\nKiertueen muistiinpanot, joissa voi olla osallistujien nimiä.",
    privacy_why_heading: "Miksi",
    privacy_why: "Tiedot tarvitaan yhteisen työtilan käyttöön: kirjautumiseen ja oikeuksiin, jotta jokainen tietää, keneen kullakin alueella voi ottaa yhteyttä, ja jotta jokaisesta muutoksesta jää jälki eikä mitään menetetä. Käsittelyn peruste on rekisterinpitäjän oikeutettu etu ja yhteistyön järjestäminen.",
    privacy_time_heading: "Kuinka kauan",
    privacy_time: "Istunto päättyy, kun sitä ei ole käytetty 8 tuntiin (ylläpito voi muuttaa aikaa), ja poistetaan silloin.\nEpäonnistuneet kirjautumisyritykset poistetaan vuorokauden kuluttua.\nKäyttäjätili säilyy, kunnes ylläpito poistaa sen käytöstä tai sinä pyydät sen poistamista.\nMuutoshistoria ja tapahtumaloki säilytetään niin kauan kuin työtila on käytössä, koska ne ovat lupaus siitä, ettei mitään menetetä; nimesi voidaan pyynnöstä poistaa niistä.",
    privacy_who_heading: "Kuka näkee",
    privacy_who: "Alueiden yhteyshenkilöt, tiekartta, kiertue ja muutoshistoria ovat kaikkien nähtävissä. Käyttäjätilit ja tapahtumalokin näkevät vain ylläpitäjät. Tietoja ei luovuteta eteenpäin eikä siirretä EU:n ulkopuolelle.",
    privacy_cookies_heading: "Evästeet",
    privacy_cookies: "Palvelu käyttää vain välttämättömiä evästeitä: kirjautumisen istuntoevästettä ja kielivalintaa. Seurantaa tai analytiikkaa ei ole. Muille sivustoille upotetut kartat ja kaaviot eivät aseta evästeitä.",
    privacy_rights_heading: "Oikeutesi",
    privacy_rights: "Voit pyytää nähtäväksesi sinusta tallennetut tiedot, pyytää korjaamaan tai poistamaan ne ja vastustaa niiden käsittelyä. Jos katsot, että tietojasi käsitellään lainvastaisesti, voit tehdä valituksen tietosuojavaltuutetun toimistolle:",
    privacy_contact_heading: "Yhteystiedot",
    // Map page.
    map_title: "Järjestöyhteistyö 22 alueella",
    map_intro: "Kartta näyttää, miten järjestöjen ja hyvinvointialueiden kumppanuus etenee \
        21 hyvinvointialueella ja Helsingissä. Valitse mittari, niin kartta ja taulukko \
        värittyvät sen mukaan. Alueen nimestä pääset sen sivulle.",
    map_label: "Suomen hyvinvointialueet ja Helsinki",
    map_keyboard_help: "Nuolinäppäimet siirtävät alueelta toiselle, Enter avaa alueen sivun.",
    map_inset_title: "Pääkaupunkiseutu suurennettuna",
    map_open_area: "Avaa alueen sivu",
    indicator_label: "Väritä kartta mittarin mukaan",
    indicator_show: "Näytä",
    legend_title: "Selite",
    table_caption: "Alueet taulukkona",
    col_area: "Alue",
    col_population: "Asukkaita",
    ind_contact_named: "Järjestöyhteyshenkilö nimetty",
    ind_grants: "Avustusten jatkuvuus",
    ind_premises: "Järjestöjen tilat turvattu",
    ind_strategy: "Järjestöt alueen strategioissa",
    ind_hyte: "HYTE-neuvottelujen rakenne",
    ind_sote_centres: "Järjestöt sote-keskuksissa",
    level_named: "Nimetty",
    level_not_named: "Ei vielä nimetty",
    not_found_title: "Aluetta ei löytynyt",
    not_found_text: "Tällä tunnuksella ei ole aluetta. Valitse alue kartalta.",
    back_to_map: "Takaisin karttaan",
    // Area page.
    population_label: "Asukkaita 31.12.2020",
    other_name: "Ruotsiksi",
    contacts_title: "Yhteyshenkilö ja järjestöverkosto",
    contact_person: "Hyvinvointialueen järjestöyhteyshenkilö",
    contact_not_named: "Yhteyshenkilöä ei ole vielä nimetty.",
    contact_name: "Nimi",
    contact_role: "Tehtävä",
    contact_email: "Sähköposti",
    contact_phone: "Puhelin",
    contact_role_hint: "Esim. järjestöyhdyshenkilö tai osallisuuskoordinaattori.",
    contact_clear_hint: "Jätä nimi tyhjäksi, jos yhteyshenkilöä ei ole nimetty.",
    network_org: "Alueellinen järjestöverkosto",
    network_org_unknown: "Ei vielä kirjattu.",
    places_title: "Vaikuttamisen paikat",
    places_intro: "Tiekartan viisi paikkaa, joissa järjestöt voivat vaikuttaa alueen \
        päätöksiin, ja missä kukin on tällä alueella.",
    status: "Tila",
    note: "Muistiinpano",
    no_note: "Ei muistiinpanoa.",
    tour_title: "Kiertuevierailu",
    tour_date: "Päivämäärä",
    tour_date_unknown: "Päivää ei ole vielä sovittu.",
    tour_status: "Vierailun tila",
    tour_notes: "Muistiinpanot",
    edit: "Muokkaa",
    save: "Tallenna",
    saving: "Tallennetaan…",
    saved: "Tallennettu.",
    last_changed: "Muutettu",
    never_changed: "Ei muutoksia",
    by: "muuttaja",
    save_failed: "Tallennus epäonnistui",
    history_title: "Muutoshistoria",
    history_empty: "Tietoja ei ole vielä muutettu.",
    area_surveys_title: "Kyselyt, joihin alueelta vastattiin",
    area_roadmap_title: "Tiekartan toimenpiteet",
    area_no_actions: "Ei toimenpiteitä.",
    area_all_areas_note: "(kaikki alueet)",
    area_roadmap_link: "Alueen toimenpiteet tiekartalla",
    edit_denied: "Tunnuksellasi voi lukea mutta ei muokata. Muokkausoikeuden antaa ylläpitäjä.",
    edit_sign_in_suffix: " muokataksesi.",
    // Places to influence, progress, tour and action statuses, themes.
    place_grants: "Avustusten ja kumppanuustoiminnan jatkuvuus",
    place_premises: "Järjestöjen tilat sopimussiirroissa",
    place_strategy: "Järjestöt alueen strategioissa",
    place_hyte: "Rakenne vuosittaisille HYTE-neuvotteluille",
    place_sote_centres: "Järjestöjen toiminta sote-keskuksissa",
    place_grants_text: "Kuntien järjestöavustukset ja kumppanuustoiminta jatkuvat ilman katkoja.",
    place_premises_text: "Kun sopimukset siirtyvät kunnilta hyvinvointialueelle, järjestöjen \
        käyttämät tilat säilyvät niiden käytössä.",
    place_strategy_text: "Järjestöt ovat mukana valmistelemassa hyvinvointialuestrategiaa, \
        palvelustrategiaa ja osallisuusohjelmaa.",
    place_hyte_text: "Järjestöillä on sovittu tapa osallistua hyvinvoinnin ja terveyden \
        edistämisen vuosittaisiin neuvotteluihin.",
    place_sote_centres_text: "Järjestöjen tuki, palvelut ja ennaltaehkäisevä toiminta kuuluvat \
        sote-keskusten kokonaisuuteen.",
    progress_unknown: "Ei tietoa",
    progress_not_started: "Ei aloitettu",
    progress_in_progress: "Käynnissä",
    progress_done: "Valmis",
    tour_unknown: "Ei sovittu",
    tour_planned: "Suunniteltu",
    tour_confirmed: "Vahvistettu",
    tour_visited: "Vierailtu",
    theme_administration: "Hallinto, talous ja tukipalvelut",
    theme_leadership: "Johtaminen ja osaaminen",
    theme_services: "Palvelujen järjestäminen",
    theme_interfaces: "Yhdyspinnat",
    theme_ict: "ICT",
    action_planned: "Suunniteltu",
    action_in_progress: "Käynnissä",
    action_done: "Valmis",
    action_blocked: "Estynyt",
    // Accounts.
    role_viewer: "Lukija",
    role_editor: "Muokkaaja",
    role_admin: "Ylläpitäjä",
    sign_in_intro: "Kaikki voivat lukea karttaa, aluesivuja, kyselyjä ja tiekarttaa ilman tunnusta. \
        Muokkaamiseen tarvitaan tunnus; sen saa ylläpitäjän lähettämällä kutsulinkillä.",
    email_address: "Sähköpostiosoite",
    password: "Salasana",
    sign_in_button: "Kirjaudu",
    sign_in_limit: "{n} väärän yrityksen jälkeen kirjautuminen estetään hetkeksi.",
    account_title: "Oma tili",
    account_sign_in_suffix: " nähdäksesi tilisi.",
    name: "Nimi",
    role: "Rooli",
    change_password: "Vaihda salasana",
    current_password: "Nykyinen salasana",
    new_password: "Uusi salasana",
    new_password_hint: "Vähintään {n} merkkiä. Muut istuntosi päättyvät.",
    new_password_repeat: "Uusi salasana uudelleen",
    password_changed: "Salasana vaihdettu.",
    sign_out: "Kirjaudu ulos",
    invitation: "Kutsu",
    invitation_welcome: "Tervetuloa mukaan",
    invitation_intro: "Sinut on kutsuttu osoitteella {email} rooliin {role}. Valitse nimi, \
        joka näkyy muutostesi vieressä, ja salasana.",
    password_min: "Vähintään {n} merkkiä.",
    password_repeat: "Salasana uudelleen",
    create_account: "Luo tunnus",
    invitation_invalid: "Kutsulinkki ei ole voimassa: se on jo käytetty tai vanhentunut. \
        Pyydä ylläpitäjältä uusi.",
    // Admin page.
    admin_only: "Tämä sivu on vain ylläpitäjille.",
    invite_title: "Kutsu uusi käyttäjä",
    invite_hint: "Kutsulinkki toimii kerran ja vanhenee 7 vuorokaudessa. Lähetä se kutsuttavalle itse.",
    invite_create: "Luo kutsulinkki",
    invite_link: "Kutsulinkki",
    users_title: "Käyttäjät",
    role_of: "Rooli: {email}",
    change: "Vaihda",
    account_active: "Käytössä",
    account_inactive: "Poistettu käytöstä",
    deactivate: "Poista käytöstä",
    activate: "Ota käyttöön",
    audit_title: "Tapahtumaloki",
    audit_hint: "Uusimmat 300 tapahtumaa: kirjautumiset, tilien muutokset, kyselyjen tuonnit ja \
        jokainen alueiden ja tiekartan muutos tekijöineen.",
    audit_filter: "Näytä vain käyttäjän tapahtumat",
    col_time: "Aika",
    col_who: "Kuka",
    col_what: "Mitä",
    col_target: "Kohde",
    col_details: "Lisätiedot",
    audit_sign_in: "Kirjautui sisään",
    audit_sign_in_failed: "Epäonnistunut kirjautuminen",
    audit_sign_out: "Kirjautui ulos",
    audit_password_changed: "Vaihtoi salasanan",
    audit_account_created: "Tili luotu",
    audit_invited: "Kutsui käyttäjän",
    audit_invitation_accepted: "Otti kutsun vastaan",
    audit_role_changed: "Vaihtoi roolin",
    audit_deactivated: "Poisti tilin käytöstä",
    audit_reactivated: "Otti tilin käyttöön",
    audit_survey_imported: "Toi kyselyn",
    audit_area_edit: "Muokkasi aluetta",
    audit_roadmap_change: "Muokkasi tiekarttaa",
    // Surveys.
    surveys_intro: "Mitä järjestöt ovat vastanneet kyselyissä hyvinvointialueiden ja järjestöjen \
        yhteistyöstä. Jokaisen kyselyn sivulla on lähde, ajankohta, vastaajamäärä, kysymys ja \
        tulokset taulukkoina.",
    respondents_n: "{n} vastaajaa",
    surveys_load_failed: "Kyselyjen lataus epäonnistui.",
    survey_load_failed: "Kyselyn lataus epäonnistui.",
    not_known: "ei tiedossa",
    organiser: "Järjestäjä",
    method: "Menetelmä",
    period: "Ajankohta",
    respondents: "Vastaajia",
    question: "Kysymys",
    key_finding: "Keskeinen havainto:",
    summary_only: "Ainoa vastaus: {first}.",
    summary_ranked: "Suurin osuus: {first}; seuraavina {rest}.",
    summary_none: "Ei tuloksia.",
    col_answer: "Vastaus",
    col_share: "Osuus (%)",
    col_count: "Vastauksia",
    col_bar: "Pylväs",
    download_data_csv: "Lataa tiedot (CSV)",
    chart_label: "Kaavio: {title}",
    download_png: "Lataa kuva (PNG)",
    import_title: "Tuo kyselyn tulokset CSV-tiedostosta",
    import_help: "Tiedostossa on ensin rivit title, date (VVVV-KK-PP), n ja question, sitten \
        otsikkorivi label,percent tai label,count ja sen jälkeen yksi rivi vastausvaihtoehtoa \
        kohden. Virheellistä tiedostoa ei tuoda lainkaan. Esimerkki:",
    import_example: "title,Kevään 2023 kysely\ndate,2023-03-01\nn,120\nquestion,Mikä on tärkein teema?\nlabel,percent\nYhteistyö,55\nVaikuttaminen,45",
    import_file: "CSV-tiedosto",
    import_text: "Tiedoston sisältö (voit myös liittää tai muokata sitä tässä)",
    import_too_big: "Tiedosto on liian suuri (enintään 64 kt).",
    import_unreadable: "Tiedostoa ei voitu lukea.",
    import_preview: "Esikatsele",
    import_run: "Tuo kysely",
    import_done: "Kysely tuotu:",
    import_preview_title: "Esikatselu:",
    import_warning: "Huomio:",
    // Roadmap.
    roadmap_title: "Yhteistyön tiekartta",
    roadmap_intro: "Järjestöjen ja hyvinvointialueiden yhteistyön tavoitteet ja toimenpiteet \
        ministeriön toimeenpanon teemoittain ja vaikuttamisen paikoittain. Muutokset näkyvät \
        kaikille heti; mitään ei menetetä: jokaisella kohteella on historia, josta aiemman \
        version voi palauttaa.",
    sync_bar: "Yhteistyötila",
    sync_online: "Yhteydessä",
    sync_connecting: "Yhdistetään…",
    sync_offline: "Ei yhteyttä: muutokset tallentuvat tähän selaimeen ja lähetetään myöhemmin",
    all_saved: "Kaikki muutokset tallennettu",
    one_pending: "1 muutos odottaa lähetystä",
    n_pending: "{n} muutosta odottaa lähetystä",
    present_now: "Paikalla nyt:",
    n_more_here: "ja {n} muuta",
    you: "{name} (sinä)",
    undo: "Kumoa",
    redo: "Tee uudelleen",
    restore_mine: "Palauta oma versioni",
    view_by_theme: "Teemoittain",
    view_by_place: "Vaikuttamisen paikoittain",
    view_list: "Luettelona",
    view_timeline: "Aikajanana",
    timeline_title: "Toimenpiteet aikajanalla",
    timeline_group_label: "Ryhmittely",
    timeline_by_theme: "teemoittain",
    timeline_by_goal: "tavoitteittain",
    timeline_keys: "Nuolinäppäimet siirtävät toimenpiteestä toiseen, Enter avaa muokkauksen. Aikajana vierii sivusuunnassa.",
    timeline_today: "Tänään {date}",
    timeline_today_outside: "Tänään {date}: aikajanan ulkopuolella.",
    timeline_undated: "Ilman päivämäärää",
    timeline_empty: "Yhdelläkään valitulla toimenpiteellä ei ole päivämäärää.",
    months_short: "tammi helmi maalis huhti touko kesä heinä elo syys loka marras joulu",
    view_label: "Näkymä",
    filter_label: "Rajaa toimenpiteitä",
    search_text: "Hae tekstistä",
    filter_apply: "Rajaa",
    filter_clear: "Poista rajaukset",
    download_csv: "Lataa CSV",
    csv_file_name: "tiekartta.csv",
    print: "Tulosta tai tallenna PDF",
    filtered_note: "(rajattu näkymä)",
    new_goal: "Uusi tavoite",
    new_action: "Uusi toimenpide",
    add_goal: "+ Lisää tavoite",
    add_goal_to_theme: " teemaan {theme}",
    add_action: "+ Lisää toimenpide",
    other_goals: "Muut tavoitteet",
    no_goals: "Ei tavoitteita tällä rajauksella.",
    unsent: "Lähettämättä",
    edit_goal: "Muokkaa tavoitetta",
    edit_action: "Muokkaa toimenpidettä",
    actions: "Toimenpiteet",
    actions_table_caption: "Toimenpiteet tiekartan järjestyksessä",
    col_action: "Toimenpide",
    col_responsibility: "Vastuu",
    col_schedule: "Aikataulu",
    deleted_n: "Poistetut ({n})",
    restore: "Palauta",
    from_date: "alkaen {date}",
    by_date: "viimeistään {date}",
    all_areas: "Kaikki alueet",
    card_label: "{title}. {status}. Alt+nuolinäppäimet siirtävät, Enter avaa.",
    history: "Historia",
    fetching: "Haetaan…",
    empty_value: "(tyhjä)",
    all_lower: "kaikki",
    yes: "kyllä",
    no: "ei",
    created_item: "loi kohteen",
    moved_item: "siirsi kohdetta",
    overwrote: "(samanaikainen muutos: korvasi käyttäjän {names} version)",
    already_this_version: "Kohde on jo tässä versiossa.",
    restore_version: "Palauta tämä versio",
    change_n: "(muutos {n})",
    also_editing: "Myös {names} muokkaa tätä nyt.",
    no_item: "Kohdetta ei ole (vielä).",
    move_up: "Siirrä ylös",
    move_down: "Siirrä alas",
    delete: "Poista",
    no_place: "Ei mikään viidestä",
    areas_legend: "Alueet, joita toimenpide koskee",
    field_title: "Otsikko",
    field_description: "Kuvaus",
    field_theme: "Teema",
    field_place: "Vaikuttamisen paikka",
    field_goal: "Tavoite",
    field_owner: "Vastuuorganisaatio",
    field_responsible: "Vastuuhenkilö",
    field_start: "Alkaa",
    field_due: "Valmis viimeistään",
    field_areas: "Alueet",
    field_position: "Järjestys",
    field_deleted: "Poistettu",
    field_other: "Kenttä",
    sign_in_to_edit_roadmap: "Kirjaudu sisään muokkaajana muokataksesi tiekarttaa.",
    item_missing: "Kohdetta ei ole.",
    change_refused: "Muutosta ei tallennettu: {message}",
    server_says: "Palvelin: {message}",
    overwritten_notice: "{name} muutti samaan aikaan kenttää {field} kohteessa ”{title}”. \
        Sinun versiosi on tallessa historiassa.",
    // Messages of the server.
    err_area_not_found: "Aluetta ei löytynyt.",
    err_wrong_credentials: "Sähköpostiosoite tai salasana on väärin.",
    err_too_many_attempts: "Liian monta epäonnistunutta kirjautumista. Yritä uudelleen {n} minuutin kuluttua.",
    err_wrong_current_password: "Nykyinen salasana on väärin.",
    err_account_exists: "Tällä sähköpostiosoitteella on jo tili.",
    err_own_role: "Omaa roolia ei voi muuttaa: pyydä toista ylläpitäjää.",
    err_own_account: "Omaa tiliä ei voi poistaa käytöstä.",
    err_sign_in_to_edit: "Kirjaudu sisään muokataksesi.",
    err_forbidden: "Sinulla ei ole oikeutta tähän.",
    err_csrf: "Lomakkeen turvatunniste puuttuu tai on vanhentunut. Lataa sivu uudelleen.",
    editing_now: "Muokkaa nyt: {names}",
    // The tour.
    nav_tour: "Kiertue",
    tour_visit: "Kiertueen vierailu",
    offline_note: "Ei verkkoyhteyttä. Näet tällä laitteella aiemmin avatut sivut; muokkaukset odottavat ja lähtevät, kun yhteys palaa.",
    tour_page_title: "Hyvinvointialuekiertue, kevät 2023",
    tour_intro: "Järjestöjen edustajat tapaavat jokaisen 22 alueen johtoa: puheena alueen strategiat, lakisääteiset HYTE-neuvottelut ja järjestöjen toimintaedellytykset. Kiertue alkaa Pirkanmaalta 9.2.2023; muut päivät sovitaan kevään mittaan ja päivitetään tähän. Avaa alue kartalta tai listasta: tapahtumanäkymä toimii puhelimessa myös ilman verkkoa, kun se on kerran avattu.",
    visits_in_order: "Vierailut aikajärjestyksessä",
    not_sent: "lähettämättä",
    tour_event_heading: "{area} – kiertueen vierailu",
    visit_title: "Vierailu",
    venue: "Paikka",
    attendees: "Osallistujat",
    attendees_hint: "Nimet ja organisaatiot pilkuin eroteltuina.",
    followups: "Sovitut jatkotoimet",
    visit_notes_hint: "Tallentuu, kun siirryt pois kentästä. Ilman verkkoa muistiinpano odottaa tässä laitteessa ja lähtee, kun yhteys palaa.",
    visit_pending: "Muutoksia lähettämättä: ne lähtevät, kun yhteys palaa.",
    area_queued: "Palvelimeen ei saatu yhteyttä. Muutos on tallessa tällä laitteella ja lähtee, kun yhteys palaa.",
    area_unsent_note: "tässä näkyy tällä laitteella odottava muutos; se lähtee, kun yhteys palaa.",
    area_refused: "Palvelin ei hyväksynyt muutosta:",
    discard_edit: "Hylkää muutos",
    area_live_hint: "Jokainen kenttä tallentuu, kun siirryt pois siitä, ja muut näkevät muutoksen heti. Ilman verkkoyhteyttä muutokset odottavat laitteella.",
    restore_value: "Palauta tämä arvo",
    visit_missing: "Vierailua ei löydy.",
    area_facts: "Alueen perustiedot",
    full_area_page: "Alueen koko sivu",
    event_actions_title: "Tiekartan toimenpiteet alueella",
    no_area_actions: "Ei toimenpiteitä tälle alueelle.",
    open_roadmap_for_area: "Avaa tiekartta tämän alueen toimenpiteisiin",
    survey_highlights: "Kyselyjen poimintoja",
    open_event_view: "Avaa vierailun tapahtumanäkymä",
    qr_caption: "Skannaa puhelimella",
    qr_alt: "QR-koodi: avaa vierailun tapahtumanäkymä puhelimella (/tour/{code})",
    calendar_add: "Lisää kalenteriin (.ics)",
    calendar_subscribe: "Tilaa kiertueen kalenteri (.ics)",
    calendar_subscribe_hint: "Kopioi linkin osoite kalenterisovelluksesi kohtaan ”Tilaa kalenteri” tai ”Lisää URL-osoitteesta”: kun vierailujen päivät muuttuvat, ne päivittyvät kalenteriisi.",
    ics_tour_name: "Järjestökiertue 2023",
    ics_roadmap_name: "Tiekartan toimenpiteiden määräajat",
    ics_action_summary: "Määräaika: {title}",
    visit_of_area: "Kiertuevierailu: {area}",
    err_visit_undated: "Vierailun päivää ei ole vielä sovittu.",
    err_search_too_long: "Hakusana on liian pitkä (enintään 200 merkkiä).",
    search_label: "Sivuston haku",
    search_input_label: "Hakusana",
    search_placeholder: "Hae…",
    search_button: "Hae",
    search_title: "Haku",
    search_page_title: "Haku: {q}",
    search_prompt: "Kirjoita hakusana sivun ylälaidan hakukenttään: alueen nimi, tavoite, toimenpide, vierailun paikka tai kysely. Sanan taivutusmuodot löytyvät myös.",
    search_none: "Haulla ”{q}” ei löytynyt mitään.",
    search_count: "Tuloksia haulle ”{q}”: {count}",
    search_kind_area: "Alueet",
    search_kind_goal: "Tavoitteet",
    search_kind_action: "Toimenpiteet",
    search_kind_visit: "Kiertuevierailut",
    search_kind_survey: "Kyselyt",
    // Names of fields, in history, notices and refusals (`field_label`).
    field_status: "Tila",
    field_area: "Alue",
    field_date: "Päivämäärä",
    field_venue: "Paikka",
    field_attendees: "Osallistujat",
    field_notes: "Muistiinpanot",
    field_followups: "Sovitut jatkotoimet",
    field_contact_name: "Yhteyshenkilön nimi",
    field_contact_role: "Yhteyshenkilön tehtävä",
    field_contact_email: "Sähköposti",
    field_contact_phone: "Puhelin",
    field_network_org: "Järjestöverkosto",
    field_grants_status: "Avustukset: tila",
    field_grants_note: "Avustukset: muistiinpano",
    field_premises_status: "Tilat: tila",
    field_premises_note: "Tilat: muistiinpano",
    field_strategy_status: "Strategiat: tila",
    field_strategy_note: "Strategiat: muistiinpano",
    field_hyte_status: "HYTE-neuvottelut: tila",
    field_hyte_note: "HYTE-neuvottelut: muistiinpano",
    field_sote_centres_status: "Sote-keskukset: tila",
    field_sote_centres_note: "Sote-keskukset: muistiinpano",
    // The rules of a field's value (`roadmap::FieldProblem`).
    rule_unknown_field: "tuntematon kenttä",
    rule_not_in_goal: "kenttää ei ole tavoitteessa",
    rule_not_in_action: "kenttää ei ole toimenpiteessä",
    rule_not_in_visit: "kenttää ei ole vierailussa",
    rule_not_in_area: "kenttää ei ole alueen tiedoissa",
    rule_bad_email: "ei ole kelvollinen sähköpostiosoite (esim. nimi@alue.fi)",
    rule_bad_phone: "ei ole kelvollinen puhelinnumero (numeroita, välilyöntejä, + ja -)",
    rule_unknown_progress: "tuntematon edistymisen tila",
    rule_unknown_area_code: "tuntematon aluekoodi {code}",
    rule_unknown_visit_status: "tuntematon vierailun tila",
    rule_unknown_theme: "tuntematon teema",
    rule_unknown_place: "tuntematon vaikuttamisen paikka",
    rule_bad_goal_id: "tavoitteen tunniste ei kelpaa",
    rule_unknown_status: "tuntematon tila",
    rule_bad_date: "päivämäärä muodossa VVVV-KK-PP",
    rule_not_a_list: "alueiden pitää olla luettelo",
    rule_area_code_not_text: "aluekoodin pitää olla teksti",
    rule_bad_position_key: "järjestysavain ei kelpaa",
    rule_not_a_boolean: "arvon pitää olla tosi tai epätosi",
    rule_not_text: "arvon pitää olla tekstiä",
    rule_empty: "ei voi olla tyhjä",
    rule_too_long: "enintään {max} merkkiä",
    rule_control_multiline: "sisältää ohjausmerkkejä",
    rule_control_single_line: "yksirivinen kenttä: ei rivinvaihtoja tai ohjausmerkkejä",
    rule_invisible: "sisältää vain näkymättömiä merkkejä",
    rule_direction_controls: "tekstin suuntaa ohjaavia merkkejä (U+202A–U+202E, U+2066–U+2069) ei sallita",
    // Why a change was refused (`roadmap::merge`); also the sync server's.
    field_problem: "{field}: {problem}",
    err_bad_change_id: "muutostunniste (cid) ei kelpaa: a–z, 0–9 ja -, enintään {max} merkkiä",
    err_bad_item_id: "kohteen tunniste ei kelpaa: a–z, 0–9 ja -, enintään {max} merkkiä",
    err_kind_missing: "uudelta kohteelta puuttuu laji (kind)",
    err_id_taken: "samalla tunnisteella on jo kohde",
    err_required: "pakollinen tieto puuttuu",
    err_item_not_found: "kohdetta ei ole (tai sitä ei vielä ole luotu)",
    err_kind_mismatch: "laji (kind) ei täsmää",
    err_no_fields: "muutoksessa ei ole kenttiä",
    err_visit_area_fixed: "vierailun aluetta ei voi vaihtaa",
    err_goal_not_found: "tavoitetta ei ole",
    err_bad_visit_id: "vierailun tunniste on visit-<aluekoodi>",
    err_area_area_fixed: "alueen tietoja ei voi siirtää toiselle alueelle",
    err_bad_area_id: "alueen tietojen tunniste on area-<aluekoodi>",
    // The sync server's errors (`server/src/sync`).
    sync_text_only: "vain tekstiviestejä (JSON)",
    sync_rate_limited: "liian monta viestiä: enintään {rate} sekunnissa; viestejä jätettiin käsittelemättä",
    sync_too_large: "viesti on yli {kib} KiB",
    sync_bad_json: "virheellinen JSON: {detail}",
    sync_bad_message: "tuntematon tai puutteellinen viesti: {detail}",
    sync_version: "protokollan versio ei ole tuettu ({version})",
    sync_database_retry: "tietokanta ei vastannut; yritä uudelleen",
    sync_hello_first: "aloita hello-viestillä",
    sync_sign_in: "kirjaudu sisään muokataksesi",
    sync_read_only: "tunnuksellasi voi lukea mutta ei muokata",
    sync_shutting_down: "palvelin sulkeutuu",
    sync_no_item: "kohdetta ei ole",
    sync_database: "tietokanta ei vastannut",
    sync_busy: "muutosta ei saatu tallennettua juuri nyt; se lähetetään uudelleen",
    // Checks of the area forms (`model::ValidationError`): `{field}` is one
    // of the `input_*` names or a field name above.
    input_place: "Vaikuttamisen paikka",
    input_note: "Muistiinpano",
    input_too_long: "{field} on liian pitkä (enintään {max} merkkiä).",
    input_control: "{field} sisältää kiellettyjä ohjausmerkkejä.",
    input_invisible: "{field} sisältää vain näkymättömiä merkkejä.",
    input_direction: "{field} sisältää tekstin suuntaa ohjaavia merkkejä (U+202A–U+202E, U+2066–U+2069), joita ei sallita.",
    input_email: "{field} ei ole kelvollinen sähköpostiosoite (esim. nimi@alue.fi).",
    input_phone: "{field} ei ole kelvollinen puhelinnumero (numeroita, välilyöntejä, + ja -).",
    input_unknown: "{field} on tuntematon arvo.",
    // Account forms (`auth::AccountInputError`, `store::AccountError`).
    err_email_invalid: "Sähköpostiosoite ei kelpaa.",
    err_password_too_short: "Salasanassa pitää olla vähintään {min} merkkiä.",
    err_password_too_long: "Salasana saa olla enintään {max} merkkiä.",
    err_passwords_differ: "Salasanat eivät ole samat.",
    err_name_missing: "Nimi puuttuu.",
    err_name_too_long: "Nimi saa olla enintään {max} merkkiä.",
    err_name_control: "Nimessä on ohjausmerkkejä.",
    err_unknown_role: "Tuntematon rooli.",
    err_invitation_invalid: "Kutsu ei ole voimassa: se on jo käytetty, vanhentunut tai tuntematon.",
    err_database: "Tietokantavirhe: muutosta ei tallennettu.",
    err_internal: "Palvelimella tapahtui virhe. Yritä hetken päästä uudelleen.",
    err_bad_request: "Pyyntö oli virheellinen",
    err_no_connection: "Palvelimeen ei saatu yhteyttä",
    err_survey_not_found: "Kyselyä ei löytynyt.",
    err_question_not_found: "Kyselyssä ei ole tätä kysymystä.",
    err_unknown_area_code: "Tuntematon aluekoodi.",
    // Survey CSV import (`model::ImportError`); `{part}` is an `import_part_*`.
    import_at_line: "Rivi {line}: {problem}",
    import_part_title: "Otsikko",
    import_part_question: "Kysymys",
    import_part_organiser: "Järjestäjä",
    import_part_option: "Vastausvaihtoehto",
    import_err_too_large: "Tiedosto on liian suuri (enintään {max} kt).",
    import_err_bad_csv: "rivi ei ole kelvollista CSV:tä.",
    import_err_column_count: "odotettiin kahta saraketta, löytyi {found}.",
    import_err_too_many_rows: "rivejä on liikaa (enintään {max}).",
    import_err_missing: "{part} puuttuu.",
    import_err_too_long: "{part} on liian pitkä (enintään {max} merkkiä).",
    import_err_control: "{part} sisältää ohjausmerkkejä.",
    import_err_duplicate_option: "vastausvaihtoehto ”{label}” on jo aiemmin.",
    import_err_not_a_number: "arvo ”{value}” ei ole luku.",
    import_err_negative: "arvo ”{value}” ei voi olla negatiivinen.",
    import_err_percent_over_100: "prosenttiosuus ei voi olla yli 100.",
    import_err_bad_date: "päivämäärä ”{value}” ei ole muotoa VVVV-KK-PP.",
    import_err_bad_respondents: "vastaajamäärä ”{value}” ei ole positiivinen kokonaisluku.",
    import_err_zero_respondents: "vastaajamäärä ei voi olla 0.",
    import_err_bad_unit: "toisen sarakkeen otsikon pitää olla percent tai count, ei ”{value}”.",
    import_err_unknown_key: "tuntematon kenttä ”{key}” (sallitut: title, date, n, question, organiser, label).",
    import_err_no_title: "Otsikko (title) puuttuu.",
    import_err_no_date: "Päivämäärä (date) puuttuu.",
    import_err_no_question: "Kysymys (question) puuttuu.",
    import_err_no_respondents: "Vastaajamäärä (n) puuttuu.",
    import_err_no_header: "Tulosrivien otsikkorivi (label,percent tai label,count) puuttuu.",
    import_err_no_rows: "Tulosrivejä ei ole.",
    import_warn_shares: "Osuudet ovat yhteensä {total} %, eivät noin 100 %.",
    import_warn_answers: "Vastauksia on yhteensä {total}, enemmän kuin vastaajia ({n}): oliko kysymyksessä monta valintaa?",
};

/// The texts of the current interface language (see [`crate::i18n`]).
impl Locale {
    /// This locale's messages: every user-facing string is a field of
    /// [`Texts`]. (Here rather than in `i18n`, so that `i18n` does not
    /// depend on the catalogue that depends on it.)
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Fi => &FI,
            Locale::Sv => &SV,
            Locale::En => &EN,
        }
    }
}

pub fn t() -> &'static Texts {
    locale().texts()
}

impl Texts {
    /// Fills a string's `{name}` placeholders.
    pub fn fill(&self, template: &str, args: &[(&str, &str)]) -> String {
        fill(template, args)
    }

    /// A month's short name, `month` 1–12.
    pub fn month_short(&self, month: u32) -> &'static str {
        self.months_short
            .split(' ')
            .nth(month.saturating_sub(1) as usize)
            .unwrap_or("")
    }

    pub fn place_title(&self, place: InfluencePlace) -> &'static str {
        match place {
            InfluencePlace::Grants => self.place_grants,
            InfluencePlace::Premises => self.place_premises,
            InfluencePlace::Strategy => self.place_strategy,
            InfluencePlace::Hyte => self.place_hyte,
            InfluencePlace::SoteCentres => self.place_sote_centres,
        }
    }

    pub fn place_description(&self, place: InfluencePlace) -> &'static str {
        match place {
            InfluencePlace::Grants => self.place_grants_text,
            InfluencePlace::Premises => self.place_premises_text,
            InfluencePlace::Strategy => self.place_strategy_text,
            InfluencePlace::Hyte => self.place_hyte_text,
            InfluencePlace::SoteCentres => self.place_sote_centres_text,
        }
    }

    /// What a history entry's section is called.
    pub fn section_label(&self, section: &str) -> &'static str {
        match section {
            "contacts" => self.contacts_title,
            "tour" => self.tour_title,
            other => other
                .strip_prefix("places.")
                .and_then(InfluencePlace::from_key)
                .map(|p| self.place_title(p))
                .unwrap_or(self.history_title),
        }
    }

    pub fn progress(&self, progress: Progress) -> &'static str {
        match progress {
            Progress::Unknown => self.progress_unknown,
            Progress::NotStarted => self.progress_not_started,
            Progress::InProgress => self.progress_in_progress,
            Progress::Done => self.progress_done,
        }
    }

    pub fn tour_status_label(&self, status: TourStatus) -> &'static str {
        match status {
            TourStatus::Unknown => self.tour_unknown,
            TourStatus::Planned => self.tour_planned,
            TourStatus::Confirmed => self.tour_confirmed,
            TourStatus::Visited => self.tour_visited,
        }
    }

    /// The ministry roadmap's themes.
    pub fn theme_title(&self, theme: Theme) -> &'static str {
        match theme {
            Theme::Administration => self.theme_administration,
            Theme::Leadership => self.theme_leadership,
            Theme::Services => self.theme_services,
            Theme::Interfaces => self.theme_interfaces,
            Theme::Ict => self.theme_ict,
        }
    }

    pub fn action_status(&self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Planned => self.action_planned,
            ActionStatus::InProgress => self.action_in_progress,
            ActionStatus::Done => self.action_done,
            ActionStatus::Blocked => self.action_blocked,
        }
    }

    /// What the map can be coloured by.
    pub fn indicator(&self, indicator: Indicator) -> &'static str {
        match indicator {
            Indicator::ContactNamed => self.ind_contact_named,
            Indicator::Place(InfluencePlace::Grants) => self.ind_grants,
            Indicator::Place(InfluencePlace::Premises) => self.ind_premises,
            Indicator::Place(InfluencePlace::Strategy) => self.ind_strategy,
            Indicator::Place(InfluencePlace::Hyte) => self.ind_hyte,
            Indicator::Place(InfluencePlace::SoteCentres) => self.ind_sote_centres,
            Indicator::Tour => self.tour_title,
        }
    }

    /// What one level of an indicator means, for the legend, the table and
    /// the map's announcements.
    pub fn indicator_level(&self, indicator: Indicator, level: Level) -> &'static str {
        match indicator {
            Indicator::ContactNamed => match level {
                Level::L3 => self.level_named,
                _ => self.level_not_named,
            },
            Indicator::Place(_) => self.progress(match level {
                Level::L0 => Progress::Unknown,
                Level::L1 => Progress::NotStarted,
                Level::L2 => Progress::InProgress,
                Level::L3 => Progress::Done,
            }),
            Indicator::Tour => self.tour_status_label(match level {
                Level::L0 => TourStatus::Unknown,
                Level::L1 => TourStatus::Planned,
                Level::L2 => TourStatus::Confirmed,
                Level::L3 => TourStatus::Visited,
            }),
        }
    }

    pub fn role(&self, role: crate::auth::Role) -> &'static str {
        match role {
            crate::auth::Role::Viewer => self.role_viewer,
            crate::auth::Role::Editor => self.role_editor,
            crate::auth::Role::Admin => self.role_admin,
        }
    }

    /// A change-log field's name, for history, notices and refusals: one
    /// table for every kind of item (a [`Field`]'s name;
    /// any other name is "Kenttä").
    pub fn field_label(&self, name: &str) -> &'static str {
        Field::parse(name).map_or(self.field_other, |f| self.field(f))
    }

    /// A field's label; the match is exhaustive, so a new field cannot
    /// go without one.
    pub fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Title => self.field_title,
            Field::Description => self.field_description,
            Field::Theme => self.field_theme,
            Field::Place => self.field_place,
            Field::Goal => self.field_goal,
            Field::Owner => self.field_owner,
            Field::Responsible => self.field_responsible,
            Field::Status => self.field_status,
            Field::Start => self.field_start,
            Field::Due => self.field_due,
            Field::Areas => self.field_areas,
            Field::Position => self.field_position,
            Field::Deleted => self.field_deleted,
            Field::Area => self.field_area,
            Field::Date => self.field_date,
            Field::Venue => self.field_venue,
            Field::Attendees => self.field_attendees,
            Field::Notes => self.field_notes,
            Field::Followups => self.field_followups,
            Field::ContactName => self.field_contact_name,
            Field::ContactRole => self.field_contact_role,
            Field::ContactEmail => self.field_contact_email,
            Field::ContactPhone => self.field_contact_phone,
            Field::NetworkOrg => self.field_network_org,
            Field::GrantsStatus => self.field_grants_status,
            Field::GrantsNote => self.field_grants_note,
            Field::PremisesStatus => self.field_premises_status,
            Field::PremisesNote => self.field_premises_note,
            Field::StrategyStatus => self.field_strategy_status,
            Field::StrategyNote => self.field_strategy_note,
            Field::HyteStatus => self.field_hyte_status,
            Field::HyteNote => self.field_hyte_note,
            Field::SoteCentresStatus => self.field_sote_centres_status,
            Field::SoteCentresNote => self.field_sote_centres_note,
        }
    }

    /// An audit log event's action.
    pub fn audit_action<'a>(&self, action: &'a str) -> &'a str {
        match action {
            "sign_in" => self.audit_sign_in,
            "sign_in_failed" => self.audit_sign_in_failed,
            "sign_out" => self.audit_sign_out,
            "password_changed" => self.audit_password_changed,
            "account_created" => self.audit_account_created,
            "invited" => self.audit_invited,
            "invitation_accepted" => self.audit_invitation_accepted,
            "role_changed" => self.audit_role_changed,
            "deactivated" => self.audit_deactivated,
            "reactivated" => self.audit_reactivated,
            "survey_imported" => self.audit_survey_imported,
            "area_edit" => self.audit_area_edit,
            "roadmap_change" => self.audit_roadmap_change,
            other => other,
        }
    }
}

/// All catalogues, for the tests and the switcher.
pub fn catalogue(locale: Locale) -> &'static Texts {
    locale.texts()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, Value};
    use std::collections::BTreeSet;

    /// Strings that are the same in every language: abbreviations and
    /// proper names.
    const SAME_IN_ALL: &[&str] = &["theme_ict", "field_problem"];
    /// Strings that happen to be the same in Finnish and Swedish.
    const SAME_IN_SV: &[&str] = &[];
    /// Strings that happen to be the same in Finnish and English.
    const SAME_IN_EN: &[&str] = &[];

    fn map(texts: &Texts) -> Map<String, Value> {
        match serde_json::to_value(texts).expect("texts serialize") {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = s;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.insert(rest[start + 1..start + len].to_string());
            rest = &rest[start + len..];
        }
        out
    }

    #[test]
    fn every_string_is_translated() {
        let fi = map(&FI);
        let mut problems = Vec::new();
        for (locale, same) in [(Locale::Sv, SAME_IN_SV), (Locale::En, SAME_IN_EN)] {
            let other = map(catalogue(locale));
            assert_eq!(
                fi.keys().collect::<Vec<_>>(),
                other.keys().collect::<Vec<_>>(),
                "{locale:?} has the same keys"
            );
            for (key, fi_value) in &fi {
                let fi_text = fi_value.as_str().unwrap_or_default();
                let text = other[key].as_str().unwrap_or_default();
                if fi_text.trim().is_empty() {
                    problems.push(format!("fi.{key} is empty"));
                }
                if text.trim().is_empty() {
                    problems.push(format!("{locale:?}.{key} is empty"));
                }
                let allowed = SAME_IN_ALL.contains(&key.as_str()) || same.contains(&key.as_str());
                if text == fi_text && !allowed {
                    problems.push(format!("{locale:?}.{key} is still Finnish: {text:?}"));
                }
                if text != fi_text && allowed && SAME_IN_ALL.contains(&key.as_str()) {
                    problems.push(format!(
                        "{locale:?}.{key} is allowed to be the same but is not"
                    ));
                }
                if placeholders(text) != placeholders(fi_text) {
                    problems.push(format!("{locale:?}.{key} has other placeholders than fi"));
                }
                if text.contains("  ") {
                    problems.push(format!("{locale:?}.{key} has a double space"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn switcher_names_are_in_their_own_language() {
        let names: Vec<_> = Locale::ALL.iter().map(|l| l.native_name()).collect();
        assert_eq!(names, ["Suomi", "Svenska", "English"]);
    }
}
