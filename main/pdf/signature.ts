import { PDFDocument, PDFHexString, PDFSignature, PDFString, type PDFRef } from 'pdf-lib';
import type { Box } from './layout';

/**
 * Adds an empty signature field (/FT /Sig) whose widget covers `box`. pdf-lib has no API to create
 * one, so the dictionary is built by hand as a merged field-and-widget, the form readers expect.
 * The frame itself is drawn in the page content; the widget's appearance is left empty so the field
 * adds nothing on paper and a signing step can replace it.
 */
export function addSignatureField(doc: PDFDocument, name: string, tooltip: string, box: Box): void {
  const { context } = doc;
  const page = doc.getPage(box.page);
  const appearance = context.register(context.formXObject([], { BBox: [0, 0, box.width, box.height] }));
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(name),
      TU: PDFHexString.fromText(tooltip),
      Rect: [box.x, box.y, box.x + box.width, box.y + box.height],
      // Print flag: without it the signature would show on screen but drop off the printout.
      F: 4,
      P: page.ref,
      AP: { N: appearance },
    }),
  );
  page.node.addAnnot(widget);
  doc.catalog.getOrCreateAcroForm().addField(widget);
}

/** The widget rectangle of signature field `name`, or null when the PDF has no such signature field. */
export async function readSignatureBox(pdfBytes: Uint8Array, name: string): Promise<Box | null> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const field = doc.getForm().getFieldMaybe(name);
  if (!(field instanceof PDFSignature)) return null;
  const widget = field.acroField.getWidgets()[0];
  if (!widget) return null;
  const pages = doc.getPages();
  const ref = doc.context.getObjectRef(widget.dict);
  // /P is optional in a widget, so a PDF signed elsewhere may only list the widget in a page's /Annots.
  const owns = (pageRef: PDFRef, annots: readonly unknown[]) => pageRef === widget.P() || (ref !== undefined && annots.includes(ref));
  const page = pages.findIndex((p) => owns(p.ref, p.node.Annots()?.asArray() ?? []));
  if (page < 0) return null;
  const { x, y, width, height } = widget.getRectangle();
  return { page, x, y, width, height };
}
