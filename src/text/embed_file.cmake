# cmake -DINPUT=file -DOUTPUT=file.cc -DNAME=kName -P embed_file.cmake
# Writes a .cc that defines touchpoint::text::data::NAME, a string_view over
# the input file's bytes, so the binary carries its word lists and runs alone.
file(READ "${INPUT}" content)
string(FIND "${content}" ")tp_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed_file.cmake; do not edit.\n"
  "#include \"text/embedded_data.h\"\n"
  "namespace touchpoint::text::data {\n"
  "const std::string_view ${NAME} = R\"tp_embed(${content})tp_embed\";\n"
  "}  // namespace touchpoint::text::data\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
