// expect: is inaccessible due to 'package' protection level
// A statement declared outside the library cannot write SQL of its own.
import SQLBuilder

struct Raw: SQLStatement {
  func render(into writer: inout SQLWriter) { writer.line("DROP TABLE shops") }
}
