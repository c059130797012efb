/**
 * One object mapping ("Synchronize directory users to Wrike"): enabled, target object actions,
 * the source object scope (scoping filters), and the attribute mappings with Add New Mapping,
 * Edit and Delete. Changes stay on the page until Save sends the whole configuration; the API's
 * refusals show next to the row, clause or field they name, with a count above.
 *
 * Example: <ObjectMappingEditor app={app} index="0" base="/identity/apps/…/provisioning" canEdit />
 */
import { useId } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { MappingConfig } from '../../api/provisioning-types.ts';
import { Link } from '../../router.tsx';
import { Loaded } from '../../ui/loaded.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { AttributeLists } from './attribute-names.tsx';
import { MappingEditorBody } from './mapping-editor-body.tsx';

export function ObjectMappingEditor(props: {
  app: EnterpriseApp;
  index: string | undefined;
  base: string;
  canEdit: boolean;
}) {
  const { provisioning } = useApis();
  const config = useAsync(() => provisioning.mappings(props.app.id), [props.app.id]);
  const lists = useId();
  const back = <Link to={`${props.base}/configure`}>Back to Edit provisioning</Link>;
  return (
    <Loaded state={config} what="mappings">
      {(loaded: MappingConfig) => {
        const index = Number(props.index);
        const mapping = Number.isInteger(index) ? loaded.objectMappings[index] : undefined;
        if (!mapping)
          return (
            <p>
              This app has no object mapping number {props.index}. {back}
            </p>
          );
        return (
          <>
            <p className="crumbs">{back}</p>
            <AttributeLists
              source={mapping.source}
              sourceId={`${lists}-source`}
              targetId={`${lists}-target`}
            />
            <MappingEditorBody
              app={props.app}
              config={loaded}
              index={index}
              canEdit={props.canEdit}
              sourceList={`${lists}-source`}
              targetList={`${lists}-target`}
            />
          </>
        );
      }}
    </Loaded>
  );
}
