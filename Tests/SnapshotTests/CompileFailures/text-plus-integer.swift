// expect: requires that 'PG.Text' conform to 'SQLNumber'
// Arithmetic on text.
import SQLBuilder

let nonsense = s.name + s.seats
