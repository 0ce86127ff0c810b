/** Sent once in the initialize result: the few lines an assistant needs to use the tools well. */
export const SERVER_INSTRUCTIONS = [
  'Code search over indexed repositories.',
  'Use search_code first for any question about the code (names, behaviour, where something is); then read_code to see more of a file.',
  'If search says nothing is indexed, call index_repository with the repository path and poll get_indexing_status until completed; search works on what is written so far.',
  'list_repositories shows what is indexed and how fresh it is.',
].join(' ');
