//! `enheter`, `svarprosent`, `dekning` and `tekstsvar`: values of the
//! datasets and the unit register.

use super::lookup::{help_for, year_arg};
use super::{Args, Context, Output, Shortcode, ShortcodeError};
use crate::data::{Column, Dataset, EditionData, UnitRegister, VariableType};
use crate::format::{integer, number};

fn edition<'a>(args: &Args, ctx: &Context<'a>) -> Result<&'a EditionData, ShortcodeError> {
    let year = year_arg(args, "utgave", ctx)?.unwrap_or(ctx.year());
    ctx.computed()
        .edition_data(year)
        .ok_or_else(|| ShortcodeError::invalid(format!("edition {year} has no data")))
}

fn dataset<'a>(args: &Args, data: &'a EditionData) -> Result<Option<&'a Dataset>, ShortcodeError> {
    let Some(id) = args.str("datasett")? else {
        return Ok(None);
    };
    data.dataset(&id).map(Some).ok_or_else(|| {
        ShortcodeError::invalid_with_help(
            format!("unknown dataset `{id}`"),
            help_for(&id, data.datasets().keys().map(String::as_str)),
        )
    })
}

fn register(data: &EditionData) -> Result<&UnitRegister, ShortcodeError> {
    data.units().ok_or_else(|| {
        ShortcodeError::invalid(format!(
            "edition {} has no unit register (`[units]` in utgave.toml)",
            data.year()
        ))
    })
}

/// Register positions of the units of the wanted type (all without `enhetstype`).
fn register_units(args: &Args, reg: &UnitRegister) -> Result<Vec<usize>, ShortcodeError> {
    let wanted = args.str("enhetstype")?;
    if let Some(t) = &wanted {
        let types = reg.unit_types();
        if !types.contains(t) {
            return Err(ShortcodeError::invalid_with_help(
                format!("no unit type `{t}` in the register"),
                help_for(t, types.iter().map(String::as_str)),
            ));
        }
    }
    Ok((0..reg.len())
        .filter(|&i| wanted.as_ref().is_none_or(|t| reg.unit_type(i) == t))
        .collect())
}

/// Register positions of a dataset's units (of the wanted type).
fn responding(args: &Args, reg: &UnitRegister, ds: &Dataset) -> Result<Vec<usize>, ShortcodeError> {
    Ok(register_units(args, reg)?
        .into_iter()
        .filter(|&i| ds.row_of(&reg.keys()[i]).is_some())
        .collect())
}

/// `{{ enheter(datasett="ia", enhetstype="kommune") }}` → `273`.
pub struct Enheter;

impl Shortcode for Enheter {
    fn name(&self) -> &'static str {
        "enheter"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["datasett", "enhetstype", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let data = edition(args, ctx)?;
        let count = match (dataset(args, data)?, args.get("enhetstype")) {
            (Some(ds), None) => ds.len(),
            (Some(ds), Some(_)) => responding(args, register(data)?, ds)?.len(),
            (None, _) => register_units(args, register(data)?)?.len(),
        };
        Ok(Output::Text(integer(count as i64)))
    }
}

/// `{{ svarprosent(datasett="ia") }}` → `64`.
pub struct Svarprosent;

impl Shortcode for Svarprosent {
    fn name(&self) -> &'static str {
        "svarprosent"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["datasett", "enhetstype", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let data = edition(args, ctx)?;
        let ds = dataset(args, data)?.ok_or(ShortcodeError::MissingKey {
            shortcode: "svarprosent",
            key: "datasett",
        })?;
        let reg = register(data)?;
        let all = register_units(args, reg)?.len();
        if all == 0 {
            return Err(ShortcodeError::invalid("no units in the register"));
        }
        let answered = responding(args, reg, ds)?.len();
        Ok(Output::Text(number(
            answered as f64 * 100.0 / all as f64,
            0,
        )))
    }
}

/// `{{ dekning(datasett="ia", attributt="innbyggere") }}` → `56`.
pub struct Dekning;

impl Shortcode for Dekning {
    fn name(&self) -> &'static str {
        "dekning"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["datasett", "attributt", "enhetstype", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let data = edition(args, ctx)?;
        let ds = dataset(args, data)?.ok_or(ShortcodeError::MissingKey {
            shortcode: "dekning",
            key: "datasett",
        })?;
        let reg = register(data)?;
        let name = args.required_str("attributt")?;
        let column = reg.attribute(&name).ok_or_else(|| {
            ShortcodeError::invalid_with_help(
                format!("unknown attribute `{name}`"),
                help_for(&name, data.codebook().attributes.keys().map(String::as_str)),
            )
        })?;
        let sum = |units: &[usize]| units.iter().filter_map(|&i| column.value[i]).sum::<f64>();
        let total = sum(&register_units(args, reg)?);
        if total <= 0.0 {
            return Err(ShortcodeError::invalid(format!(
                "attribute `{name}` sums to 0"
            )));
        }
        let covered = sum(&responding(args, reg, ds)?);
        Ok(Output::Text(number(covered * 100.0 / total, 0)))
    }
}

/// `{{ tekstsvar(datasett="ia", variabel="utdanning_annet_tekst") }}`.
pub struct Tekstsvar;

impl Shortcode for Tekstsvar {
    fn name(&self) -> &'static str {
        "tekstsvar"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["datasett", "variabel", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let data = edition(args, ctx)?;
        let ds = dataset(args, data)?.ok_or(ShortcodeError::MissingKey {
            shortcode: "tekstsvar",
            key: "datasett",
        })?;
        let name = args.required_str("variabel")?;
        let var = data.codebook().variable(&name).ok_or_else(|| {
            ShortcodeError::invalid_with_help(
                format!("unknown variable `{name}`"),
                help_for(&name, data.codebook().variable_names()),
            )
        })?;
        if var.ty != VariableType::Text {
            return Err(ShortcodeError::invalid(format!(
                "`{name}` is a {} variable, not free text",
                var.ty.name()
            )));
        }
        match ds.column(&name) {
            Some(Column::Text(cells)) => Ok(Output::Text(integer(
                cells.iter().filter(|c| **c).count() as i64,
            ))),
            _ => Err(ShortcodeError::invalid_with_help(
                format!("dataset `{}` has no column `{name}`", ds.id),
                help_for(&name, ds.headers().iter().map(String::as_str)),
            )),
        }
    }
}
