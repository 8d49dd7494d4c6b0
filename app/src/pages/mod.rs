mod area_page;
mod map_page;
mod not_found;

pub use area_page::AreaPage;
pub use map_page::MapPage;
pub use not_found::NotFound;
