// The .sandbox language: a small, newline-terminated block syntax.
//
// The grammar is deliberately untyped: an entry is either `key = phrase` or
// `key label* { ... }`. Types (sizes, durations, paths, domains, enums...) are
// given to phrases by the schema-driven builder in dev.sandboxc.check, which is
// what lets it say "memory expects a size such as 8 GiB" instead of a bare
// "mismatched input". See docs/language.md.
grammar Sandbox;

// Separators before the first entry and after the last are written so that no run of
// them can belong to two loops: `sep* (...)? sep*` made ANTLR try both for every blank
// line of a file without entries, quadratic in their number (20,000 took 12 s).
file    : sep* (entry (sep+ entry)* sep*)? EOF ;

entry   : key=WORD op=(EQ | PLUSEQ) phrase          # attribute
        | key=WORD label* LBRACE body RBRACE        # section
        ;

body    : sep* (entry (sep+ entry)* sep*)? ;

label   : WORD | STRING ;

// A phrase is what follows `=`: `8 GiB`, `secret anthropic`, `env "KEY"`,
// `allow [ ... ]`, `tcp 127.0.0.1:2222 -> 22`.
phrase  : term+ ;

term    : WORD | STRING | list | ARROW ;

// Items are separated by commas or newlines; `[ git gh jq ]` is one item of
// three words, which list-of-word types read as three elements.
list    : LBRACK lsep* (phrase (lsep+ phrase)* lsep*)? RBRACK ;

lsep    : COMMA | NL ;

sep     : NL | SEMI ;

LBRACE  : '{' ;
RBRACE  : '}' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
PLUSEQ  : '+=' ;
EQ      : '=' ;
COMMA   : ',' ;
SEMI    : ';' ;
ARROW   : '->' ;

STRING  : '"' (ESCAPE | ~["\\\r\n])* '"' ;

// A string that reaches the end of the line: its own token so the error says
// "unterminated string" at the opening quote instead of "unexpected character".
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* ;

// Bare words: names, enum values, numbers, units, guest and host paths,
// host:port, domains with a leading `*.`. A dash may not end a word so that
// `2222->22` splits into 2222, ->, 22.
WORD    : WCHAR ((WCHAR | '-')* WCHAR)? ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

NL      : '\r'? '\n' ;

WS      : [ \t\f\r]+ -> skip ;

// Anything else becomes one token the parser rejects with a precise position.
ERROR_CHAR : . ;

fragment ESCAPE : '\\' . ;
fragment WCHAR  : [A-Za-z0-9_.:*~/] ;
