// expect: incorrect argument label in call (have 'unchecked:', expected 'booleanLiteral:')
// Nor is the initializer that wraps an untyped node: every expression comes from the DSL.
import SQLBuilder

let raw = SQLExpression<PG.Boolean, NotNull>(unchecked: true)
