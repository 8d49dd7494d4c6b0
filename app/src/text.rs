//! Interface texts. Finnish is the default (and, for now, only) language;
//! every string the interface shows lives here so that Swedish and English
//! catalogues can be added as further `Texts` values.

pub struct Texts {
    pub site_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_map: &'static str,
    pub map_title: &'static str,
    pub map_intro: &'static str,
    pub map_label: &'static str,
    pub map_keyboard_help: &'static str,
    pub map_inset_title: &'static str,
    pub indicator_label: &'static str,
    pub legend_title: &'static str,
    pub table_caption: &'static str,
    pub col_area: &'static str,
    pub col_population: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_map: &'static str,
    pub population_label: &'static str,
    pub swedish_name: &'static str,
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
    pub editor_name: &'static str,
    pub editor_hint: &'static str,
    pub last_changed: &'static str,
    pub never_changed: &'static str,
    pub by: &'static str,
    pub save_failed: &'static str,
    pub attribution: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
}

pub const FI: Texts = Texts {
    site_name: "Järjestöt ja hyvinvointialueet",
    skip_to_content: "Siirry sisältöön",
    nav_map: "Alueet",
    map_title: "Järjestöyhteistyö 22 alueella",
    map_intro: "Kartta näyttää, miten järjestöjen ja hyvinvointialueiden kumppanuus etenee \
        21 hyvinvointialueella ja Helsingissä. Valitse mittari, niin kartta ja taulukko \
        värittyvät sen mukaan. Alueen nimestä pääset sen sivulle.",
    map_label: "Suomen hyvinvointialueet ja Helsinki",
    map_keyboard_help: "Nuolinäppäimet siirtävät alueelta toiselle, Enter avaa alueen sivun.",
    map_inset_title: "Pääkaupunkiseutu suurennettuna",
    indicator_label: "Väritä kartta mittarin mukaan",
    legend_title: "Selite",
    table_caption: "Alueet taulukkona",
    col_area: "Alue",
    col_population: "Asukkaita",
    loading: "Ladataan…",
    load_failed: "Tietojen lataus epäonnistui. Yritä hetken päästä uudelleen.",
    not_found_title: "Aluetta ei löytynyt",
    not_found_text: "Tällä tunnuksella ei ole aluetta. Valitse alue kartalta.",
    back_to_map: "Takaisin karttaan",
    population_label: "Asukkaita 31.12.2020",
    swedish_name: "Ruotsiksi",
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
    editor_name: "Nimesi",
    editor_hint: "Nimi näkyy muutoksen tekijänä.",
    last_changed: "Muutettu",
    never_changed: "Ei muutoksia",
    by: "muuttaja",
    save_failed: "Tallennus epäonnistui",
    attribution: "Karttapohja: Natural Earth (vapaa käyttö). Paikkatiedot: GeoNames, \
        CC BY 4.0. Alueiden rajat on muodostettu näistä yleistäen, eivätkä ne ole \
        virallisia rajoja. Väestö: Tilastokeskus 31.12.2020.",
    history_title: "Muutoshistoria",
    history_empty: "Tietoja ei ole vielä muutettu.",
};

/// The texts of the current interface language.
pub fn t() -> &'static Texts {
    &FI
}

use crate::model::{InfluencePlace, Progress, TourStatus};
use crate::roadmap::{ActionStatus, Theme};

impl Texts {
    pub fn place_title(&self, place: InfluencePlace) -> &'static str {
        match place {
            InfluencePlace::Grants => "Avustusten ja kumppanuustoiminnan jatkuvuus",
            InfluencePlace::Premises => "Järjestöjen tilat sopimussiirroissa",
            InfluencePlace::Strategy => "Järjestöt alueen strategioissa",
            InfluencePlace::Hyte => "Rakenne vuosittaisille HYTE-neuvotteluille",
            InfluencePlace::SoteCentres => "Järjestöjen toiminta sote-keskuksissa",
        }
    }

    pub fn place_description(&self, place: InfluencePlace) -> &'static str {
        match place {
            InfluencePlace::Grants => {
                "Kuntien järjestöavustukset ja kumppanuustoiminta jatkuvat ilman katkoja."
            }
            InfluencePlace::Premises => {
                "Kun sopimukset siirtyvät kunnilta hyvinvointialueelle, järjestöjen \
                 käyttämät tilat säilyvät niiden käytössä."
            }
            InfluencePlace::Strategy => {
                "Järjestöt ovat mukana valmistelemassa hyvinvointialuestrategiaa, \
                 palvelustrategiaa ja osallisuusohjelmaa."
            }
            InfluencePlace::Hyte => {
                "Järjestöillä on sovittu tapa osallistua hyvinvoinnin ja terveyden \
                 edistämisen vuosittaisiin neuvotteluihin."
            }
            InfluencePlace::SoteCentres => {
                "Järjestöjen tuki, palvelut ja ennaltaehkäisevä toiminta kuuluvat \
                 sote-keskusten kokonaisuuteen."
            }
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
            Progress::Unknown => "Ei tietoa",
            Progress::NotStarted => "Ei aloitettu",
            Progress::InProgress => "Käynnissä",
            Progress::Done => "Valmis",
        }
    }

    pub fn tour_status_label(&self, status: TourStatus) -> &'static str {
        match status {
            TourStatus::Unknown => "Ei sovittu",
            TourStatus::Planned => "Suunniteltu",
            TourStatus::Confirmed => "Vahvistettu",
            TourStatus::Visited => "Vierailtu",
        }
    }

    /// The ministry roadmap's themes.
    pub fn theme_title(&self, theme: Theme) -> &'static str {
        match theme {
            Theme::Administration => "Hallinto, talous ja tukipalvelut",
            Theme::Leadership => "Johtaminen ja osaaminen",
            Theme::Services => "Palvelujen järjestäminen",
            Theme::Interfaces => "Yhdyspinnat",
            Theme::Ict => "ICT",
        }
    }

    pub fn action_status(&self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Planned => "Suunniteltu",
            ActionStatus::InProgress => "Käynnissä",
            ActionStatus::Done => "Valmis",
            ActionStatus::Blocked => "Estynyt",
        }
    }
}
