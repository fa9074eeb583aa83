import { describe, expect, it } from 'vitest';
import { declaredCrsOfGeoJson, declaredCrsOfPrj, fromWgs84, toWgs84 } from './crs.ts';
import { ESRI_PRJ } from './testdata/write-shapefile.ts';

// Parque Santander, Bucaramanga.
const PARQUE_SANTANDER: [number, number] = [-73.1227, 7.1193];

describe('reprojection of Colombian systems', () => {
  it('takes Parque Santander to EPSG:9377 where other tools put it, and back within 1e-6°', () => {
    const [x, y] = fromWgs84(9377)(PARQUE_SANTANDER);
    // PROJ with its EPSG database (`gdaltransform -s_srs OGC:CRS84 -t_srs EPSG:9377`) gives the same.
    expect(x).toBeCloseTo(4_986_456.54168816, 3);
    expect(y).toBeCloseTo(2_344_673.52858917, 3);
    const [lon, lat] = toWgs84(9377)([x, y]);
    expect(Math.abs(lon - PARQUE_SANTANDER[0])).toBeLessThan(1e-6);
    expect(Math.abs(lat - PARQUE_SANTANDER[1])).toBeLessThan(1e-6);
  });

  it('takes Parque Santander to EPSG:3116 where PROJ puts it, and back within 1e-6°', () => {
    const [x, y] = fromWgs84(3116)(PARQUE_SANTANDER);
    // `gdaltransform -s_srs OGC:CRS84 -t_srs EPSG:3116`; by hand, about 105.5 km east and 279 km north of
    // the Bogotá origin (1 000 000, 1 000 000).
    expect(x).toBeCloseTo(1_105_479.45818618, 3);
    expect(y).toBeCloseTo(1_279_128.46844526, 3);
    const [lon, lat] = toWgs84(3116)([x, y]);
    expect(Math.abs(lon - PARQUE_SANTANDER[0])).toBeLessThan(1e-6);
    expect(Math.abs(lat - PARQUE_SANTANDER[1])).toBeLessThan(1e-6);
  });

  it('round-trips points all over Colombia in both systems', () => {
    const places: [number, number][] = [
      [-81.7, 12.58], // San Andrés
      [-69.94, -4.2], // Leticia
      [-71.2, 12.4], // Punta Gallinas
      [-77.28, 1.21], // Pasto
      [-74.08, 4.6], // Bogotá
    ];
    for (const srid of [3116, 9377] as const) {
      for (const place of places) {
        const [lon, lat] = toWgs84(srid)(fromWgs84(srid)(place));
        expect(Math.abs(lon - place[0])).toBeLessThan(1e-6);
        expect(Math.abs(lat - place[1])).toBeLessThan(1e-6);
      }
    }
  });
});

describe('declaredCrsOfPrj', () => {
  it('recognises the ArcGIS texts of the three systems', () => {
    expect(declaredCrsOfPrj(ESRI_PRJ[3116])).toEqual({ srid: 3116, name: 'MAGNA_Colombia_Bogota' });
    expect(declaredCrsOfPrj(ESRI_PRJ[9377])).toEqual({ srid: 9377, name: 'MAGNA-SIRGAS_Origen-Nacional' });
    expect(declaredCrsOfPrj(ESRI_PRJ[4326])).toEqual({ srid: 4326, name: 'GCS_WGS_1984' });
  });

  it('recognises GDAL WKT1, the 2018 datum name and WKT2 by their parameters', () => {
    const gdal3116 =
      'PROJCS["MAGNA-SIRGAS / Colombia Bogota zone",GEOGCS["MAGNA-SIRGAS",DATUM["Marco_Geocentrico_Nacional_de_Referencia",' +
      'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY["EPSG","6686"]],' +
      'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4686"]],PROJECTION["Transverse_Mercator"],' +
      'PARAMETER["latitude_of_origin",4.596200416666666],PARAMETER["central_meridian",-74.07750791666666],' +
      'PARAMETER["scale_factor",1],PARAMETER["false_easting",1000000],PARAMETER["false_northing",1000000],' +
      'UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","3116"]]';
    expect(declaredCrsOfPrj(gdal3116).srid).toBe(3116);
    const esri2018 = ESRI_PRJ[9377].replace(
      'MAGNA-SIRGAS_Origen-Nacional',
      'MAGNA-SIRGAS_2018_Origen-Nacional',
    );
    expect(declaredCrsOfPrj(esri2018)).toEqual({ srid: 9377, name: 'MAGNA-SIRGAS_2018_Origen-Nacional' });
    const wkt2 =
      'PROJCRS["MAGNA-SIRGAS 2018 / Origen-Nacional",BASEGEOGCRS["MAGNA-SIRGAS 2018",DATUM["Marco Geocentrico Nacional de Referencia 2018",' +
      'ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],' +
      'CONVERSION["Colombia Transverse Mercator",METHOD["Transverse Mercator",ID["EPSG",9807]],' +
      'PARAMETER["Latitude of natural origin",4,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Longitude of natural origin",-73,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Scale factor at natural origin",0.9992,SCALEUNIT["unity",1]],' +
      'PARAMETER["False easting",5000000,LENGTHUNIT["metre",1]],PARAMETER["False northing",2000000,LENGTHUNIT["metre",1]]],' +
      'CS[Cartesian,2],AXIS["northing (N)",north],AXIS["easting (E)",east],LENGTHUNIT["metre",1]]';
    expect(declaredCrsOfPrj(wkt2).srid).toBe(9377);
    const magnaGeographic =
      'GEOGCS["GCS_MAGNA",DATUM["D_MAGNA",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(declaredCrsOfPrj(magnaGeographic).srid).toBe(4326);
  });

  it('names what it does not read: another zone, UTM, a known name with wrong parameters, garbage', () => {
    const westZone = ESRI_PRJ[3116]
      .replace('MAGNA_Colombia_Bogota', 'MAGNA_Colombia_Oeste')
      .replace('-74.07750791666666', '-77.07750791666666');
    expect(declaredCrsOfPrj(westZone)).toEqual({ srid: null, name: 'MAGNA_Colombia_Oeste' });
    const utm =
      'PROJCS["WGS_1984_UTM_Zone_18N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
      'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-75.0],PARAMETER["Scale_Factor",0.9996],' +
      'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(declaredCrsOfPrj(utm)).toEqual({ srid: null, name: 'WGS_1984_UTM_Zone_18N' });
    const wrongEasting = ESRI_PRJ[9377].replace('5000000.0', '500000.0');
    expect(declaredCrsOfPrj(wrongEasting).srid).toBeNull();
    const inFeet = ESRI_PRJ[3116].replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]');
    expect(declaredCrsOfPrj(inFeet).srid).toBeNull();
    expect(declaredCrsOfPrj('hola').srid).toBeNull();
  });
});

describe('declaredCrsOfGeoJson', () => {
  it('reads the usual spellings', () => {
    const named = (name: string) => declaredCrsOfGeoJson({ type: 'name', properties: { name } })?.srid;
    expect(named('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(named('EPSG:4326')).toBe(4326);
    expect(named('urn:ogc:def:crs:EPSG::4686')).toBe(4326);
    expect(named('EPSG:3116')).toBe(3116);
    expect(named('urn:ogc:def:crs:EPSG::9377')).toBe(9377);
    expect(named('urn:ogc:def:crs:EPSG:6.6:3116')).toBe(3116);
    expect(named('http://www.opengis.net/def/crs/EPSG/0/9377')).toBe(9377);
    expect(declaredCrsOfGeoJson({ type: 'EPSG', properties: { code: 3116 } })?.srid).toBe(3116);
    expect(named('EPSG:3857')).toBeNull();
    expect(declaredCrsOfGeoJson(undefined)).toBeNull();
    expect(declaredCrsOfGeoJson({ type: 'name' })).toBeNull();
  });
});
