package org.covidxray.image;

import java.util.Optional;

/**
 * The DICOM transfer syntaxes this reader decodes (PS3.5 section 10 and annex A), and what the
 * others are, so that a refusal can say what the file is and what to convert it to.
 */
enum DicomTransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "implicit VR little endian", Encoding.NATIVE, false),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "explicit VR little endian", Encoding.NATIVE, true),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG baseline", Encoding.JPEG, true),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG extended", Encoding.JPEG, true),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG lossless", Encoding.JPEG, true),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG lossless, first-order prediction", Encoding.JPEG, true),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE lossless", Encoding.RLE, true);

    /** How the pixel data element holds the pixels. */
    enum Encoding { NATIVE, JPEG, RLE }

    private static final String CONVERT = " Convert it to explicit VR little endian (uncompressed) or JPEG "
            + "lossless, e.g. with GDCM (gdcmconv --raw in.dcm out.dcm) or DCMTK (dcmdjpls for JPEG-LS), or to a "
            + "16-bit PNG (dcm2pnm --write-16-bit-png).";

    private final String uid;
    private final String description;
    private final Encoding encoding;
    private final boolean explicitVr;

    DicomTransferSyntax(String uid, String description, Encoding encoding, boolean explicitVr) {
        this.uid = uid;
        this.description = description;
        this.encoding = encoding;
        this.explicitVr = explicitVr;
    }

    String uid() {
        return uid;
    }

    String description() {
        return description;
    }

    Encoding encoding() {
        return encoding;
    }

    boolean explicitVr() {
        return explicitVr;
    }

    static Optional<DicomTransferSyntax> of(String uid) {
        for (DicomTransferSyntax ts : values()) {
            if (ts.uid.equals(uid)) {
                return Optional.of(ts);
            }
        }
        return Optional.empty();
    }

    /** Why a transfer syntax this reader does not decode is refused, with what to convert to. */
    static String refusal(String uid) {
        String what;
        if (uid.equals("1.2.840.10008.1.2.2")) {
            what = "explicit VR big endian (retired by DICOM in 2004)";
        } else if (uid.equals("1.2.840.10008.1.2.1.99")) {
            what = "deflated explicit VR little endian";
        } else if (uid.startsWith("1.2.840.10008.1.2.4.8")) {
            what = "JPEG-LS, which no Java library on Maven Central decodes";
        } else if (uid.startsWith("1.2.840.10008.1.2.4.9") || uid.startsWith("1.2.840.10008.1.2.4.20")) {
            what = "JPEG 2000, which no Java library on Maven Central decodes";
        } else if (uid.startsWith("1.2.840.10008.1.2.4.")) {
            what = "a JPEG process or video encoding this reader does not decode";
        } else {
            what = "a transfer syntax this reader does not know";
        }
        return "its pixels are stored as " + what + " (transfer syntax " + uid + ")." + CONVERT;
    }
}
