mod area_sections;
mod area_table;
mod edit_form;
mod finland_map;
mod indicator_picker;
mod legend;

pub use area_sections::{ContactsSection, HistorySection, PlacesSection, TourSection};
pub use area_table::AreaTable;
pub use finland_map::FinlandMap;
pub use indicator_picker::IndicatorPicker;
pub use legend::{Legend, LevelSwatch};
