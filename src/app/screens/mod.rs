//! One module per screen over the panes: its state, its update, what it focuses. The routing
//! between them is `App::update`; what each shows is `view`.

pub mod detail;
pub mod matrix;
pub mod pairs;
pub mod panes;
pub mod sources;
pub mod timeline;
