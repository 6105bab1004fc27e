// opencc-js ships its character tables without declarations: each is one string of
// "source replacement" pairs separated by "|".
declare module 'opencc-js/dict/STCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
