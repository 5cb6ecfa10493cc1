// grammar/Hf.g4 - The .hf model language (normative grammar).
//
// A .hf file describes a HistFactory workspace: channels with their samples
// and modifiers, observations and measurements, optionally on top of an
// imported pyhf JSON workspace. See docs/language.md for the reference.
// The C++ parser is generated from this file at build time (frontend/hf).
grammar Hf;

file
  : versionStmt? (importStmt | patchStmt)* statement* EOF
  ;

versionStmt : 'workspace' 'version' STRING ;
importStmt  : 'import' STRING ;
patchStmt   : 'patch' STRING ;

statement
  : letStmt
  | channelStmt
  | sampleInStmt
  | observedStmt
  | measurementStmt
  ;

// Named constants: a number or a list of numbers.
letStmt : 'let' ID '=' values ;

channelStmt : 'channel' name ('bins' NUMBER)? '{' (sample | channelObserved)* '}' ;

sample : 'sample' name values modifierBlock? ;

// Adds a sample to a channel defined earlier (or imported).
sampleInStmt : 'sample' name 'in' 'channel' name values modifierBlock? ;

channelObserved : 'observed' values ;

// Observed data of a channel, outside its block.
observedStmt : 'observed' name values ;

modifierBlock : '{' modifier* '}' ;

modifier
  : 'normfactor' name                        # normFactor
  | 'lumi'                                   # lumi
  | 'normsys' name 'lo' number 'hi' number   # normSys
  | 'histosys' name 'lo' values 'hi' values  # histoSys
  | 'staterror' name values                  # statError
  | 'shapesys' name values                   # shapeSys
  | 'shapefactor' name                       # shapeFactor
  ;

measurementStmt : 'measurement' name ('poi' name)? '{' parameter* '}' ;

parameter : (name | 'lumi') setting* ;

setting
  : 'init' values              # initSetting
  | 'bounds' bounds            # boundsSetting
  | 'fixed' boolean?           # fixedSetting
  | 'auxdata' values           # auxdataSetting
  | 'sigma' values             # sigmaSetting
  | 'factor' values            # factorSetting
  ;

boolean : 'true' | 'false' ;

// One [lo, hi] pair, or a list of pairs (one per parameter of a set).
bounds
  : '[' number ',' number ']'
  | '[' (pair (',' pair)* ','?)? ']'
  ;
pair : '[' number ',' number ']' ;

// A list of numbers, one number (a list of one), or a constant's name.
values
  : '[' (number (',' number)* ','?)? ']'
  | number
  ;

number : NUMBER | ID ;

name : ID | STRING ;

NUMBER  : '-'? (DIGITS ('.' DIGITS?)? | '.' DIGITS) ([eE] [+-]? DIGITS)? ;
ID      : [A-Za-z_] [A-Za-z0-9_.\-]* ;
STRING  : '"' (~["\\\r\n] | '\\' ["\\nt])* '"' ;
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ; // kept for hfc fmt
WS      : [ \t\r\n]+ -> skip ;

fragment DIGITS : [0-9]+ ;
