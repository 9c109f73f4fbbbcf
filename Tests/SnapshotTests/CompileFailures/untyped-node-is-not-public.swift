// expect: cannot find type 'SQLNode' in scope
// The untyped syntax tree is not part of the public surface: no raw SQL can be smuggled in.
import SQLBuilder

let raw: SQLNode? = nil
