// The part of pdfmake 0.3's server API used here. (@types/pdfmake pulls the DOM library into every
// server package's types, so it is not installed.)
declare module 'pdfmake' {
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  const pdfmake: {
    setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    createPdf(doc: object): OutputDocument;
  };
  export default pdfmake;
}
