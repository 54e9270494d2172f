//! The file line of each data row, for error messages. Rows mostly follow
//! one another line by line, so only the rows where that breaks (the first
//! row, a row after blank lines or after a cell with a line break) are kept.

/// Rows' lines: `(row, line)` where the line is not the one after the
/// previous row's, rows ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    jumps: Vec<(usize, usize)>,
    rows: usize,
    /// The line after the last row's (0 without rows).
    next: usize,
}

impl Lines {
    /// Record the line of the next row.
    pub fn push(&mut self, line: usize) {
        if self.rows == 0 || line != self.next {
            self.jumps.push((self.rows, line));
        }
        self.rows += 1;
        self.next = line + 1;
    }

    /// Append the lines of the rows after these.
    pub fn append(&mut self, other: Lines) {
        if other.rows == 0 {
            return;
        }
        let offset = self.rows;
        for (row, line) in other.jumps {
            if row != 0 || offset == 0 || line != self.next {
                self.jumps.push((offset + row, line));
            }
        }
        self.rows += other.rows;
        self.next = other.next;
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True without rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The line of a row, or `None` past the last row.
    pub fn line_of(&self, row: usize) -> Option<usize> {
        if row >= self.rows {
            return None;
        }
        let at = self.jumps.partition_point(|&(r, _)| r <= row);
        let (first, line) = self.jumps[at.checked_sub(1)?];
        Some(line + (row - first))
    }
}

impl FromIterator<usize> for Lines {
    fn from_iter<I: IntoIterator<Item = usize>>(lines: I) -> Self {
        let mut out = Lines::default();
        for line in lines {
            out.push(line);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_jumps() {
        let lines: Lines = [2, 3, 4, 6, 7, 10].into_iter().collect();
        assert_eq!(lines.jumps, vec![(0, 2), (3, 6), (5, 10)]);
        let got: Vec<_> = (0..7).map(|r| lines.line_of(r)).collect();
        assert_eq!(
            got,
            vec![Some(2), Some(3), Some(4), Some(6), Some(7), Some(10), None]
        );
        assert_eq!(lines.len(), 6);
        let plain: Lines = (2..1002).collect();
        assert_eq!(plain.jumps.len(), 1);
        assert_eq!(plain.line_of(999), Some(1001));
        assert!(Lines::default().is_empty());
        assert_eq!(Lines::default().line_of(0), None);
    }

    #[test]
    fn appends_with_rows_shifted() {
        let mut a: Lines = [2, 3, 4].into_iter().collect();
        a.append([5, 6, 9].into_iter().collect());
        a.append(Lines::default());
        a.append([10, 20].into_iter().collect());
        let all: Lines = [2, 3, 4, 5, 6, 9, 10, 20].into_iter().collect();
        let got: Vec<_> = (0..9).map(|r| a.line_of(r)).collect();
        let want: Vec<_> = (0..9).map(|r| all.line_of(r)).collect();
        assert_eq!(got, want);
        assert_eq!(a, all, "the same jumps as one pass");
    }
}
