// Type declarations for the one natural module corroborate loads directly.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string }
  export default PorterStemmer
}
