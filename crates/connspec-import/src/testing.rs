//! Helpers shared by the unit tests: a cURL command converted in one call.

use crate::convert::{Conversion, ConvertOptions, ImportedAction, Target, convert};

pub(crate) fn convert_command(command: &str, provider: Option<&str>) -> Conversion {
    let request = match crate::curl::parse_curl(command) {
        Ok(request) => request,
        Err(error) => panic!("{command}: {error}"),
    };
    let options = ConvertOptions {
        provider: provider.map(str::to_owned),
        ..ConvertOptions::default()
    };
    match convert(&request, &options) {
        Ok(conversion) => conversion,
        Err(error) => panic!("{command}: {error}"),
    }
}

pub(crate) fn action(conversion: &Conversion) -> &ImportedAction {
    match &conversion.target {
        Target::Action(action) => action,
        Target::Auth(_) => panic!("expected an action"),
    }
}
