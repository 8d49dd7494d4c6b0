mod account_pages;
mod admin_page;
mod area_page;
mod map_page;
mod not_found;
mod roadmap_page;
mod survey_page;
mod surveys_page;

pub use account_pages::{AccountPage, InvitePage, SignInPage};
pub use admin_page::AdminPage;
pub use area_page::AreaPage;
pub use map_page::MapPage;
pub use not_found::NotFound;
pub use roadmap_page::RoadmapPage;
pub use survey_page::SurveyPage;
pub use surveys_page::SurveysPage;
