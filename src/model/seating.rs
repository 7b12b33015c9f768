//! The seating plan of bilateral talks, by the usual protocol rule: each delegation on its
//! side of the table, the heads facing each other in the middle, then No. 2 on the head's
//! right, No. 3 on the head's left, and so on outwards in order of precedence. Note-takers
//! and interpreters sit behind their delegation, in a second row, by the same rule.

use serde::Serialize;

use super::{Delegation, DelegationRole, Dossier, Id, MemberRole};

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

fn side(del: &Delegation) -> Side {
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
}
