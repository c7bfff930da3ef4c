import CGSL

/// One-time GSL set-up for this module.
///
/// GSL's default error handler aborts the process (GSL reference manual, "Error
/// Handling"); the wrappers here turn it off once and return NaN or infinities as GSL does
/// after reporting the error. (`Randomness` does the same; the handler is process-wide, so
/// whichever module runs first wins and the result is the same.)
enum GSLSetup {
    /// Evaluate before any GSL call that can report an error.
    static let quiet: Void = { distillbench_gsl_quiet() }()
}
