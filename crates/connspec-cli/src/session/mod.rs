//! The session layer every command shares: the project file `connspec.toml` (lint settings,
//! limits, instance folders), reading and checking inputs, colour per output stream, and the
//! one atomic file writer. Commands never import each other; what two of them share lives
//! here (the token cache of `login` and `test`, for one).

mod config;
pub(crate) mod files;
mod load;
mod output;
pub(crate) mod pairing;
pub(crate) mod tokens;
pub(crate) mod write;

use std::path::Path;

use anyhow::Result;
use connspec_diagnostics::FileReport;
use connspec_lint::LintSettings;
use connspec_model::yaml::Limits;
use connspec_model::{CheckOptions, DocumentKind};

use crate::ExitStatus;
use crate::args::{ColorChoice, ConfigArgs, LimitArgs};

pub(crate) use load::{Loaded, unreadable};
pub(crate) use output::Output;

/// What a command tells the session about its flags.
pub(crate) struct SessionArgs<'a> {
    pub(crate) config: &'a ConfigArgs,
    /// Where to start looking for `connspec.toml`: the spec, or the first path.
    pub(crate) start: Option<&'a Path>,
    /// The command's `--max-*` flags, when it has them.
    pub(crate) limits: Option<&'a LimitArgs>,
    pub(crate) color: ColorChoice,
    /// `--select` and `--ignore`, for the commands that have them.
    pub(crate) select: &'a [String],
    pub(crate) ignore: &'a [String],
}

impl<'a> SessionArgs<'a> {
    /// For a command without `--select` and `--ignore`.
    pub(crate) fn new(
        config: &'a ConfigArgs,
        start: Option<&'a Path>,
        limits: Option<&'a LimitArgs>,
        color: ColorChoice,
    ) -> Self {
        Self {
            config,
            start,
            limits,
            color,
            select: &[],
            ignore: &[],
        }
    }
}

/// The settings of one run, built once from the flags and the project file.
pub(crate) struct Session {
    pub(crate) settings: LintSettings,
    pub(crate) limits: Limits,
    /// Folders, relative to a spec's folder, that hold its instance files.
    pub(crate) instance_folders: Vec<String>,
    pub(crate) output: Output,
    /// The project file, when it could not be used: `check` reports it among its files (and
    /// goes on with the defaults), every other command stops.
    config_problem: Option<FileReport>,
}

impl Session {
    /// Finds and reads the project file and merges it with the flags.
    ///
    /// # Errors
    /// When `--select` or `--ignore` names no rule (a usage error).
    pub(crate) fn open(args: &SessionArgs<'_>) -> Result<Self> {
        let output = Output::new(args.color);
        let (config, config_problem) = match config::load(args.config, args.start, output.codes()) {
            Ok(config) => (config.unwrap_or_default(), None),
            Err(report) => (connspec_lint::ProjectConfig::default(), Some(*report)),
        };
        let settings = config.lint_settings().merged_with(args.select, args.ignore);
        let unknown: Vec<&str> = settings.unknown_selectors(output.codes());
        if !unknown.is_empty() {
            anyhow::bail!(
                "`{}` matches no rule code; see `connspec explain --all`",
                unknown.join("`, `")
            );
        }
        Ok(Self {
            settings,
            limits: config::limits(args.limits, &config),
            instance_folders: config.instances.folders,
            output,
            config_problem,
        })
    }

    /// The project file's problem, for `check` to report with its files.
    pub(crate) fn take_config_problem(&mut self) -> Option<FileReport> {
        self.config_problem.take()
    }

    /// [`Session::open`] for commands other than `check`: a project file that cannot be used
    /// is printed, and `Err` is the exit status to stop with (2, as for a bad flag).
    ///
    /// # Errors
    /// As [`Session::open`], or when printing fails.
    pub(crate) fn open_or_stop(args: &SessionArgs<'_>) -> Result<Result<Self, ExitStatus>> {
        let session = Self::open(args)?;
        match &session.config_problem {
            Some(report) => {
                session
                    .output
                    .eprint_reports(std::slice::from_ref(report))?;
                Ok(Err(ExitStatus::Error))
            }
            None => Ok(Ok(session)),
        }
    }

    /// How files are checked: the run's limits, and `kind` when the command knows it.
    pub(crate) fn check_options(&self, kind: Option<DocumentKind>) -> CheckOptions {
        CheckOptions {
            limits: self.limits,
            kind,
        }
    }
}
