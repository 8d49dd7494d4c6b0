mod area_sections;
mod area_table;
mod edit_form;
mod finland_map;
mod indicator_picker;
mod legend;
pub mod roadmap;
mod survey_chart;
mod survey_import;
pub(crate) mod survey_result;

pub use area_sections::{ContactsSection, HistorySection, PlacesSection, TourSection};
pub use area_table::AreaTable;
pub use finland_map::FinlandMap;
pub use indicator_picker::IndicatorPicker;
pub use legend::{Legend, LevelSwatch};
pub use survey_chart::{SurveyChart, ECHARTS_SRC};
pub use survey_import::SurveyImport;
pub use survey_result::SurveyResultView;
