//! The seating plan of bilateral talks, by the usual protocol rule: each delegation on its
//! side of the table, the heads facing each other in the middle, then No. 2 on the head's
//! right, No. 3 on the head's left, and so on outwards in order of precedence. Note-takers
//! and interpreters sit behind their delegation, in a second row, by the same rule.

use serde::{Deserialize, Serialize};

use super::{Delegation, DelegationRole, Dossier, Id, MemberRole};

/// A delegation's side as the protocol officer chose it (seats swapped in the editor),
/// kept in the dossier; without one, the side is seated by precedence. The rows run as
/// [`Side`]'s do. Members added since are seated at the ends, outwards by precedence;
/// members since removed are passed over.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seating {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seats: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behind: Vec<Id>,
}

/// A table and its sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub title: String,
    pub sides: Vec<Side>,
}

/// One delegation's side of a table. `seats` run from one end of the side to the other,
/// from the left hand of those seated there (facing the other side) to their right, so
/// the head is in the middle, No. 3 on the head's left and No. 2 on the head's right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    pub delegation: Id,
    pub seats: Vec<Id>,
    /// The second row, behind the side, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub behind: Vec<Id>,
}

/// Whether a member sits behind the table rather than at it.
fn behind(role: MemberRole) -> bool {
    matches!(role, MemberRole::NoteTaker | MemberRole::Interpreter)
}

/// Members in precedence order (first the most senior) placed by the rule: the first in
/// the middle, the second on their right, the third on their left, and so on. With an
/// even number the extra seat is on the head's right.
pub fn arrange<T: Clone>(by_precedence: &[T]) -> Vec<T> {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (i, x) in by_precedence.iter().enumerate().skip(1) {
        if i % 2 == 1 {
            right.push(x.clone());
        } else {
            left.push(x.clone());
        }
    }
    left.reverse();
    left.into_iter()
        .chain(by_precedence.first().cloned())
        .chain(right)
        .collect()
}

/// A delegation's side: as chosen, else by precedence.
pub fn side(del: &Delegation) -> Side {
    let Some(chosen) = &del.seating else {
        return by_precedence(del);
    };
    let present: rustc_hash::FxHashSet<&Id> = del.members.iter().map(|m| &m.id).collect();
    let mut placed: rustc_hash::FxHashSet<&Id> = Default::default();
    let mut seats = Vec::new();
    let mut second = Vec::new();
    for (ids, row) in [(&chosen.seats, &mut seats), (&chosen.behind, &mut second)] {
        for id in ids {
            if present.contains(id) && placed.insert(id) {
                row.push(id.clone());
            }
        }
    }
    // Newcomers at the ends of their row, the right end first, as the rule goes on; a row
    // of newcomers only is seated by the rule.
    let new: Vec<&super::Member> = del
        .members
        .iter()
        .filter(|m| !placed.contains(&m.id))
        .collect();
    for (row, is_behind) in [(&mut seats, false), (&mut second, true)] {
        let newcomers: Vec<Id> = new
            .iter()
            .filter(|m| behind(m.role) == is_behind)
            .map(|m| m.id.clone())
            .collect();
        if row.is_empty() {
            *row = arrange(&newcomers);
            continue;
        }
        // Every other one to the left end, outwards: gathered, then put in front at once.
        let mut left = Vec::new();
        for (k, id) in newcomers.into_iter().enumerate() {
            if k % 2 == 0 {
                row.push(id);
            } else {
                left.push(id);
            }
        }
        left.reverse();
        left.append(row);
        *row = left;
    }
    Side {
        delegation: del.id.clone(),
        seats,
        behind: second,
    }
}

/// The side with seats `a` and `b` of one row swapped, as a choice to keep.
pub fn swapped(del: &Delegation, row_behind: bool, a: usize, b: usize) -> Seating {
    let mut s = side(del);
    let row = if row_behind {
        &mut s.behind
    } else {
        &mut s.seats
    };
    if a < row.len() && b < row.len() {
        row.swap(a, b);
    }
    Seating {
        seats: s.seats,
        behind: s.behind,
    }
}

/// What a chosen plan says that the lists do not: (ids it seats that are not the
/// delegation's members, or seat one twice; members of the delegation it does not seat).
pub fn stale(del: &Delegation) -> Option<(usize, Vec<&super::Member>)> {
    let chosen = del.seating.as_ref()?;
    let members: rustc_hash::FxHashSet<&Id> = del.members.iter().map(|m| &m.id).collect();
    let mut seated: rustc_hash::FxHashSet<&Id> = Default::default();
    let gone = chosen
        .seats
        .iter()
        .chain(&chosen.behind)
        .filter(|id| !seated.insert(*id) || !members.contains(*id))
        .count();
    let unseated: Vec<&super::Member> = del
        .members
        .iter()
        .filter(|m| !seated.contains(&m.id))
        .collect();
    (gone > 0 || !unseated.is_empty()).then_some((gone, unseated))
}

fn by_precedence(del: &Delegation) -> Side {
    let at_table: Vec<Id> = del
        .members
        .iter()
        .filter(|m| !behind(m.role))
        .map(|m| m.id.clone())
        .collect();
    let second: Vec<Id> = del
        .members
        .iter()
        .filter(|m| behind(m.role))
        .map(|m| m.id.clone())
        .collect();
    Side {
        delegation: del.id.clone(),
        seats: arrange(&at_table),
        behind: arrange(&second),
    }
}

/// The plan computed from the delegation lists: the host delegation facing the visiting
/// one (the first of each; failing those, the first two delegations). Delegations of
/// other roles (observers) are not at the bilateral table. No table when there are not
/// two delegations.
pub fn plan(d: &Dossier) -> Vec<Table> {
    let first = |role| d.delegations.iter().find(|x| x.role == role);
    let pair = match (first(DelegationRole::Host), first(DelegationRole::Visiting)) {
        (Some(h), Some(v)) => Some((h, v)),
        _ => match d.delegations.as_slice() {
            [a, b, ..] => Some((a, b)),
            _ => None,
        },
    };
    pair.map(|(a, b)| Table {
        title: format!("{} – {}", a.name, b.name),
        sides: vec![side(a), side(b)],
    })
    .into_iter()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_sits_in_the_middle_two_on_the_right_three_on_the_left() {
        assert_eq!(arrange(&[1]), [1]);
        assert_eq!(arrange(&[1, 2]), [1, 2]);
        assert_eq!(arrange(&[1, 2, 3]), [3, 1, 2]);
        assert_eq!(arrange(&[1, 2, 3, 4, 5, 6]), [5, 3, 1, 2, 4, 6]);
        assert_eq!(arrange(&[1, 2, 3, 4, 5, 6, 7]), [7, 5, 3, 1, 2, 4, 6]);
        assert!(arrange::<u8>(&[]).is_empty());
    }

    fn delegation(n: usize) -> Delegation {
        let mut d = Delegation {
            id: Id::new("ken").unwrap(),
            name: "Kenya".into(),
            role: DelegationRole::Visiting,
            ours: true,
            marking: None,
            notes: String::new(),
            members: Vec::new(),
            seating: None,
        };
        for i in 0..n {
            let mut m = super::super::Member::new();
            m.id = Id::new(format!("m{i}")).unwrap();
            m.full_name = format!("Member {i}");
            d.members.push(m);
        }
        d.members[0].role = MemberRole::Head;
        d
    }

    fn ids(side: &[Id]) -> Vec<&str> {
        side.iter().map(Id::as_str).collect()
    }

    #[test]
    fn a_chosen_side_keeps_its_order_and_seats_newcomers_by_the_rule() {
        let mut d = delegation(5);
        let by_rule = side(&d);
        assert_eq!(ids(&by_rule.seats), ["m4", "m2", "m0", "m1", "m3"]);
        // An empty choice is no choice: the rule seats everyone.
        d.seating = Some(Seating::default());
        assert_eq!(side(&d).seats, by_rule.seats);
        // A swap is kept; two newcomers go to the right end, then the left.
        d.seating = Some(swapped(&d, false, 1, 3));
        for i in 5..7 {
            let mut m = super::super::Member::new();
            m.id = Id::new(format!("m{i}")).unwrap();
            d.members.push(m);
        }
        assert_eq!(
            ids(&side(&d).seats),
            ["m6", "m4", "m1", "m0", "m2", "m3", "m5"]
        );
        // Ids that are not this delegation's, or repeated, are passed over and counted.
        let mut chosen = d.seating.clone().unwrap();
        chosen.seats.push(Id::new("usa-rubio").unwrap());
        chosen.behind.push(Id::new("m0").unwrap());
        d.seating = Some(chosen);
        assert_eq!(
            side(&d)
                .seats
                .iter()
                .filter(|id| id.as_str() == "m0")
                .count(),
            1
        );
        assert!(side(&d).behind.is_empty());
        assert_eq!(stale(&d).map(|(gone, _)| gone), Some(2));
    }
}
