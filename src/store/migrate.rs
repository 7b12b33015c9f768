//! Bringing files of older schema versions forward.
//!
//! A migration turns the generic RON value of a version-N file into a version-N+1 value;
//! the chain runs until the current version, and the result is then read as usual. Working
//! on generic values means each step only touches what changed in its version. A version
//! that only added fields needs no rewriting at all: such files are read as they stand,
//! so that their errors keep their line and column.

use ron::Value;

use super::ParseError;
use super::schema::CURRENT;

/// One step from schema version `from` to `from + 1`.
#[derive(Clone, Copy)]
pub struct Migration {
    pub from: u32,
    /// What changed, for the message shown when a step fails.
    pub summary: &'static str,
    pub step: Step,
}

#[derive(Clone, Copy)]
pub enum Step {
    /// The new version only added fields that read as empty when absent.
    Additive,
    /// Rewrites the file's generic value into the next version's shape.
    Transform(fn(Value) -> Result<Value, String>),
}

impl Migration {
    fn is_additive(&self) -> bool {
        matches!(self.step, Step::Additive)
    }
}

/// Every migration this build knows, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        // Version 2 only added `packs`. The version went up so that an older build refuses
        // a file with saved packs as "newer", instead of as having an unknown field.
        summary: "adding saved audience packs",
        step: Step::Additive,
    },
    Migration {
        from: 2,
        // Version 3 only added the review records, for the same reason.
        summary: "adding comments, approvals and merge conflicts",
        step: Step::Additive,
    },
    Migration {
        from: 3,
        // Version 4 only added `meta.language`, which packs are printed in.
        summary: "adding the dossier's language",
        step: Step::Additive,
    },
    Migration {
        from: 4,
        // Version 5 only added members' hotels, needs, biographies and photos.
        summary: "adding members' hotels, needs, biographies and photos, and chosen seating",
        step: Step::Additive,
    },
    Migration {
        from: 5,
        // Version 6 only added the scheme's restrictive controls. An older file's scheme
        // has none: its caveats combine as before, release lists by intersection.
        summary: "adding the marking scheme's restrictive controls",
        step: Step::Additive,
    },
];

/// Whether every step from version `from` up to `CURRENT` only added fields, so that a
/// file of version `from` reads as the current version unchanged.
pub fn additive_from(from: u32, migrations: &[Migration]) -> bool {
    (from..CURRENT).all(|v| {
        migrations
            .iter()
            .find(|m| m.from == v)
            .is_some_and(Migration::is_additive)
    })
}

/// The oldest version `migrations` can bring forward to `CURRENT`.
pub fn oldest_readable(migrations: &[Migration]) -> u32 {
    let mut oldest = CURRENT;
    while migrations.iter().any(|m| m.from + 1 == oldest) {
        oldest -= 1;
    }
    oldest
}

/// Runs the migrations from `from` up to `to`, then stamps the value with version `to`.
pub fn migrate(
    mut value: Value,
    from: u32,
    to: u32,
    migrations: &[Migration],
) -> Result<Value, ParseError> {
    for version in from..to {
        let step = migrations
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| ParseError::Migration {
                from: version,
                message: format!("this build has no migration from version {version}"),
            })?;
        if let Step::Transform(apply) = step.step {
            value = apply(value).map_err(|message| ParseError::Migration {
                from: version,
                message: format!("{} failed: {message}", step.summary),
            })?;
        }
    }
    set_field(&mut value, "schema", Value::Number(u64::from(to).into()))
        .map_err(|message| ParseError::Migration { from, message })?;
    Ok(value)
}

/// Sets `name` in a RON struct value (a map keyed by field name).
pub fn set_field(value: &mut Value, name: &str, new: Value) -> Result<(), String> {
    let Value::Map(map) = value else {
        return Err("the file's top level is not a struct".to_owned());
    };
    map.insert(Value::String(name.to_owned()), new);
    Ok(())
}

/// Removes `name` from a RON struct value, returning it.
pub fn take_field(value: &mut Value, name: &str) -> Option<Value> {
    let Value::Map(map) = value else { return None };
    map.remove(&Value::String(name.to_owned()))
}
