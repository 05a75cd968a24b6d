"""The XML namespaces of the standards' control files, spelled once for the writers
(`targets/`) and the checker of anyone's packages (`validate/`)."""

XML = "http://www.w3.org/XML/1998/namespace"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# SCORM 1.2: IMS Content Packaging 1.1.2, ADL's extensions, IMS metadata 1.2.1.
IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD_12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"

# SCORM 2004: IMS Content Packaging 1.1.4, ADL's extensions, IMS Simple Sequencing, IEEE LOM.
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"

CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
TINCAN = "http://projecttincan.com/tincan.xsd"
