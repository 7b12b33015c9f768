//! One-shot work on another thread (a photo decoded, a pack laid out, exported or
//! printed, the printer list asked for, a native file dialog): the one task type every
//! background job of the editor goes through, so the window never waits on any of them.
//!
//! Our own rather than `poll-promise`: a worker that panics must become an error the user
//! reads ("the export stopped unexpectedly"), where a promise whose sender is dropped
//! panics the window that polls it, and with it every unsaved edit.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

pub struct Task<T> {
    /// What is being done, as the spinner says it ("Exporting the pack…").
    pub label: &'static str,
    rx: Receiver<T>,
}

/// A task whose worker ended without an answer (it panicked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped(pub &'static str);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stopped unexpectedly; nothing was done",
            self.0.trim_end_matches('…')
        )
    }
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on its own thread; the window is woken when it is done.
    pub fn spawn(
        ctx: &egui::Context,
        label: &'static str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = tx.send(work());
            ctx.request_repaint();
        });
        Self { label, rx }
    }

    /// The answer, once there is one (asked once per frame; the task is dropped after).
    pub fn poll(&self) -> Option<Result<T, Stopped>> {
        match self.rx.try_recv() {
            Ok(answer) => Some(Ok(answer)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Stopped(self.label))),
        }
    }
}

/// Takes the answer of the task in `slot` once it is there, emptying the slot.
pub fn take<T: Send + 'static>(slot: &mut Option<Task<T>>) -> Option<Result<T, Stopped>> {
    let answer = slot.as_ref()?.poll()?;
    *slot = None;
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(mut slot: Option<Task<T>>) -> Result<T, Stopped> {
        loop {
            if let Some(answer) = take(&mut slot) {
                assert!(slot.is_none());
                return answer;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn an_answer_arrives_and_a_panicking_worker_is_an_error_not_a_panic() {
        let ctx = egui::Context::default();
        assert_eq!(wait(Some(Task::spawn(&ctx, "Adding…", || 2 + 2))), Ok(4));
        let stopped = wait(Some(Task::spawn(
            &ctx,
            "Exporting the pack…",
            || -> u32 { panic!("a worker that fails") },
        )));
        assert_eq!(
            stopped.unwrap_err().to_string(),
            "Exporting the pack stopped unexpectedly; nothing was done"
        );
    }
}
